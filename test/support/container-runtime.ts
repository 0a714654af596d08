import { getContainerRuntimeClient } from 'testcontainers';

export const DOCKER_STATUS_VARIABLE = 'HIRESTREAM_DOCKER_UNAVAILABLE';

/** Why container targets cannot run here, or undefined when a container runtime answers. */
export async function containerRuntimeUnavailableReason(): Promise<string | undefined> {
  try {
    await getContainerRuntimeClient();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
