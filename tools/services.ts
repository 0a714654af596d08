/** Every service `npm start` runs, with its default port. Each new service adds itself here. */
export const SERVICES = [
  { name: 'candidates', entry: 'apps/candidates/src/main.ts', port: 3001 },
  { name: 'scheduling', entry: 'apps/scheduling/src/main.ts', port: 3002 },
  { name: 'assessment', entry: 'apps/assessment/src/main.ts', port: 3003 },
  { name: 'background-checks', entry: 'apps/background-checks/src/main.ts', port: 3004 },
  { name: 'offers', entry: 'apps/offers/src/main.ts', port: 3005 },
  { name: 'notifications', entry: 'apps/notifications/src/main.ts', port: 3006 },
  { name: 'audit', entry: 'apps/audit/src/main.ts', port: 3007 },
  { name: 'analytics', entry: 'apps/analytics/src/main.ts', port: 3008 },
] as const;

/**
 * The services the audit service asks for their state of a candidacy: every one
 * folding candidates' streams, so not the audit service itself, nor analytics
 * (it keeps only aggregates, and self-identification only the candidate reads).
 */
export const CANDIDACY_STATE_SERVICES = SERVICES.filter(
  ({ name }) => name !== 'audit' && name !== 'analytics',
);
