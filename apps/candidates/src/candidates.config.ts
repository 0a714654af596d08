import { ReadModelConfig } from '@hirestream/read-models';
import { IsOptional, IsString } from 'class-validator';

/** The candidates service's configuration: the read models' (its projections and timers) and its own. */
export class CandidatesConfig extends ReadModelConfig {
  /** Where the retention policies are read from; the service's own `policies/` folder by default. */
  @IsOptional()
  @IsString({ message: 'CANDIDATES_POLICIES_DIR must be a folder path' })
  CANDIDATES_POLICIES_DIR?: string;
}
