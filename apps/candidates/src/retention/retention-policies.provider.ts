import type { Provider } from '@nestjs/common';
import { CandidatesConfig } from '../candidates.config';
import { loadRetentionPolicies } from './retention-policy-file';

/** The token the loaded retention policies are injected by (a `RetentionPolicy[]`). */
export const RETENTION_POLICIES = Symbol('RETENTION_POLICIES');

/** Reads the policies once at start; a bad file stops the start, naming the file and field. */
export const retentionPoliciesProvider: Provider = {
  provide: RETENTION_POLICIES,
  useFactory: (config: CandidatesConfig) => loadRetentionPolicies(config.CANDIDATES_POLICIES_DIR),
  inject: [CandidatesConfig],
};
