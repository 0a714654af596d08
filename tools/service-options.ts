import type { ServiceOptions } from '@hirestream/platform';
import { join } from 'node:path';

/**
 * A service's `<name>.service-options` export (the one whose name ends in
 * `ServiceOptions`), found by the naming convention, from the sources or from
 * the build alike, so a new service needs no registration for it.
 */
export function serviceOptionsOf(name: string): ServiceOptions {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(
    join(__dirname, '..', 'apps', name, 'src', `${name}.service-options`),
  ) as Record<string, ServiceOptions>;
  const options = Object.entries(module).find(([key]) => key.endsWith('ServiceOptions'))?.[1];
  if (options === undefined) throw new Error(`apps/${name} exports no …ServiceOptions`);
  return options;
}
