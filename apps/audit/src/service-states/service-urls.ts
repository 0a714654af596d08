// The ports npm start gives the services are written once, in tools/services.ts.
import { CANDIDACY_STATE_SERVICES } from '../../../../tools/services';

export const AUDIT_SERVICE = 'audit';

/**
 * The services asked for their state at a point, by name, with their base
 * URLs: those AUDIT_SERVICE_URLS names (`name=url` pairs), or when it is unset
 * every service npm start runs that folds candidates' streams, at
 * http://127.0.0.1:<port>.
 */
export function serviceUrls(configured: string | undefined): ReadonlyMap<string, string> {
  if (configured === undefined) {
    return new Map(
      CANDIDACY_STATE_SERVICES.map(({ name, port }) => [name, `http://127.0.0.1:${port}`]),
    );
  }
  return new Map(
    configured.split(',').map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1).replace(/\/+$/, '')];
    }),
  );
}
