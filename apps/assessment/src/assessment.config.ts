import { ReadModelConfig } from '@hirestream/read-models';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** The assessment service's configuration: the read models' and its own. */
export class AssessmentConfig extends ReadModelConfig {
  /** How long after an interview is completed each panel member's feedback is due (up to 14 days). */
  @Type(() => Number)
  @IsInt({ message: 'FEEDBACK_DUE_HOURS must be a whole number of hours' })
  @Min(1)
  @Max(336)
  FEEDBACK_DUE_HOURS = 24;
}
