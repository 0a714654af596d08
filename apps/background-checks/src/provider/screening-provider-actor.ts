import type { Actor } from '@hirestream/contracts';

/** Who the provider's verified deliveries are recorded as. */
export const SCREENING_PROVIDER_ACTOR: Actor = { id: 'screening-provider', role: 'system' };
