import { CANDIDACY_STATE_SERVICES } from '../../tools/services';
import type { ServiceAppOptions } from './service-app';

/**
 * The audit service in a spec: it asks the spec's apps that fold candidates'
 * streams for their state at a point over HTTP (so every app of the file
 * listens), with `env` besides.
 */
export function auditAppOptions(env: Readonly<Record<string, string>> = {}): ServiceAppOptions {
  return {
    env: (urls) => ({
      AUDIT_SERVICE_URLS: Object.entries(urls)
        .filter(([name]) => CANDIDACY_STATE_SERVICES.some((service) => service.name === name))
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      ...env,
    }),
  };
}
