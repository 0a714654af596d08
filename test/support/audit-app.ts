import type { ServiceAppOptions } from './service-app';

/**
 * The audit service in a spec: it asks the spec's other apps for their state
 * at a point over HTTP (so every app of the file listens), with `env` besides.
 */
export function auditAppOptions(env: Readonly<Record<string, string>> = {}): ServiceAppOptions {
  return {
    env: (urls) => ({
      AUDIT_SERVICE_URLS: Object.entries(urls)
        .filter(([name]) => name !== 'audit')
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      ...env,
    }),
  };
}
