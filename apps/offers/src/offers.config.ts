import { ReadModelConfig } from '@hirestream/read-models';
import { IsOptional, IsString } from 'class-validator';

/** The offers service's configuration: the read models' (its timers) and its own. */
export class OffersConfig extends ReadModelConfig {
  /** Where the policy files are read from; the service's own `policies/` folder by default. */
  @IsOptional()
  @IsString({ message: 'OFFERS_POLICIES_DIR must be a folder path' })
  OFFERS_POLICIES_DIR?: string;
}
