import { ReadModelConfig } from '@hirestream/read-models';
import { IsOptional, IsString } from 'class-validator';

/** The analytics service's configuration: the read models' (its projections) and its own. */
export class AnalyticsConfig extends ReadModelConfig {
  /** Where the policies (self-identification) are read from; the service's own `policies/` folder by default. */
  @IsOptional()
  @IsString({ message: 'ANALYTICS_POLICIES_DIR must be a folder path' })
  ANALYTICS_POLICIES_DIR?: string;
}
