import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` every 50 ms until it returns a value (anything but undefined)
 * and resolves with it; fails naming `what` after `timeoutMs`. For what another
 * service, a relay or a projection does in its own time.
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}
