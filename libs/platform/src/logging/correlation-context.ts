import { AsyncLocalStorage } from 'node:async_hooks';

/** The ids that tie a log line, an event and a message to the request or message that caused it. */
export interface CorrelationIds {
  readonly correlationId: string;
  readonly causationId?: string;
  /**
   * The data keys of the subjects whose personal data the request read or wrote,
   * added to as it does: what it leaves behind (its stored response) is sealed
   * under them, so erasing a subject reaches that too.
   */
  readonly personalDataKeys?: Set<string>;
}

const storage = new AsyncLocalStorage<CorrelationIds>();

/**
 * Runs `fn` with `ids` as the current correlation: every log line written inside
 * it (and in async work it starts) carries them. The HTTP layer does this per
 * request; message consumers call it per message.
 */
export function runWithCorrelation<T>(ids: CorrelationIds, fn: () => T): T {
  return storage.run(ids, fn);
}

/** The correlation of the request or message being handled, if any. */
export function currentCorrelation(): CorrelationIds | undefined {
  return storage.getStore();
}
