/**
 * What one process of a service runs (`ROLE`): `all` (the default, as `npm
 * start` runs it) is the HTTP API and the background work; `api` is the HTTP
 * API alone, reads of read models included, so it scales with requests;
 * `worker` is the background work alone (the relay, projection runners, Kafka
 * reactions, timers), with `/health/*` and `/metrics` but no API routes.
 */
export const SERVICE_ROLES = ['all', 'api', 'worker'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

/** Whether a process of this role runs the relay, projection runners, reactions and timers. */
export function runsBackgroundWork(config: { readonly ROLE: ServiceRole }): boolean {
  return config.ROLE !== 'api';
}

/** Whether a process of this role serves the service's API routes (and `/docs`). */
export function servesApi(config: { readonly ROLE: ServiceRole }): boolean {
  return config.ROLE !== 'worker';
}
