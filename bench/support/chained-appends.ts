import type { ChainHead, EventStore } from '@hirestream/event-sourcing';
import { randomUUID } from 'node:crypto';
import type { HistoryAppend } from './hiring-history';

const APPENDS_IN_FLIGHT = 64;
const context = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: randomUUID(),
  causationId: randomUUID(),
};

/**
 * Appends a history through `EventStore.append` a round at a time, many appends
 * in flight, each after the chain head the stream's last append left; the events written.
 */
export async function writeChained(
  store: EventStore,
  rounds: Iterable<readonly HistoryAppend[]>,
): Promise<number> {
  const heads = new Map<string, ChainHead>();
  let written = 0;
  for (const round of rounds) {
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let append = round[next++]; append !== undefined; append = round[next++]) {
        // Not `written += await …`: that reads `written` before the await, losing other lanes' counts.
        const appended = await appendChained(store, heads, append);
        written += appended;
      }
    };
    await Promise.all(Array.from({ length: APPENDS_IN_FLIGHT }, lane));
  }
  return written;
}

/** One append after the head `heads` holds for its stream (none: a new stream); the events written. */
export async function appendChained(
  store: EventStore,
  heads: Map<string, ChainHead>,
  { streamName, events, occurredAt }: HistoryAppend,
): Promise<number> {
  const head = heads.get(streamName);
  const { nextRevision, hashes } = await store.append(
    streamName,
    events,
    head?.revision,
    context,
    occurredAt,
    head,
  );
  heads.set(streamName, { revision: nextRevision, hash: hashes.at(-1) });
  return events.length;
}
