import { containerRuntimeUnavailableReason, DOCKER_STATUS_VARIABLE } from './container-runtime';

// Looked up once per run; test workers inherit the environment and decide
// synchronously whether to declare the container-backed suites.
export default async function globalSetup(): Promise<void> {
  if (process.env[DOCKER_STATUS_VARIABLE] !== undefined) return;
  const reason = await containerRuntimeUnavailableReason();
  process.env[DOCKER_STATUS_VARIABLE] = reason ?? '';
}
