import { containerRuntimeUnavailableReason, DOCKER_STATUS_VARIABLE } from './container-runtime';
import { startSharedPostgres } from './shared-postgres';

// Looked up once per run; test workers inherit the environment and decide
// synchronously whether to declare the container-backed suites. The embedded
// PostgreSQL server is started once too: each spec file gets a database of its own.
export default async function globalSetup(): Promise<void> {
  await startSharedPostgres();
  if (process.env[DOCKER_STATUS_VARIABLE] !== undefined) return;
  const reason = await containerRuntimeUnavailableReason();
  process.env[DOCKER_STATUS_VARIABLE] = reason ?? '';
}
