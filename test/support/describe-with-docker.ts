import { DOCKER_STATUS_VARIABLE } from './container-runtime';

/**
 * `describe` for suites that need real servers in containers: declared normally
 * where Docker answers, skipped with the reason printed where it does not.
 */
export function describeWithDocker(name: string, suite: () => void): void {
  const reason = process.env[DOCKER_STATUS_VARIABLE];
  if (reason) {
    process.stdout.write(`skipping "${name}": no container runtime (${reason})\n`);
    describe.skip(name, suite);
  } else {
    describe(name, suite);
  }
}
