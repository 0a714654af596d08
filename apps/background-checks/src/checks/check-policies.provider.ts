import type { Provider } from '@nestjs/common';
import { BackgroundChecksConfig } from '../background-checks.config';
import { loadCheckPolicies } from '../policies/check-policy-files';

/** The token the loaded policies are injected by (a `CheckPolicies`). */
export const CHECK_POLICIES = Symbol('CHECK_POLICIES');

/** Reads the policies once at start; a bad file stops the start, naming the file and field. */
export const checkPoliciesProvider: Provider = {
  provide: CHECK_POLICIES,
  useFactory: (config: BackgroundChecksConfig) =>
    loadCheckPolicies(config.BACKGROUND_CHECKS_POLICIES_DIR),
  inject: [BackgroundChecksConfig],
};
