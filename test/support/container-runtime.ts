import { execFile } from 'node:child_process';

export const DOCKER_STATUS_VARIABLE = 'HIRESTREAM_DOCKER_UNAVAILABLE';

const PROBE_TIMEOUT_MS = 30_000;

// The probe runs in its own process: testcontainers can leave a socket open (a
// Docker socket that accepts but never answers), and anything left open in
// jest's own process keeps the test run from ever exiting.
const PROBE_SCRIPT = `
require('testcontainers').getContainerRuntimeClient().then(
  () => process.exit(0),
  (error) => { process.stdout.write(String(error && error.message ? error.message : error)); process.exit(0); },
);`;

/** Why container targets cannot run here, or undefined when a container runtime answers. */
export function containerRuntimeUnavailableReason(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-e', PROBE_SCRIPT],
      { timeout: PROBE_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout) => {
        if (error?.killed) resolve(`no container runtime answered within ${PROBE_TIMEOUT_MS} ms`);
        else if (error) resolve(`the container runtime probe failed: ${error.message}`);
        else resolve(stdout.trim() || undefined);
      },
    );
  });
}
