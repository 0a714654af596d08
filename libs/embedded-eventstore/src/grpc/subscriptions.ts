import type { EventStore } from '../store/event-store';
import { EventFilter } from '../store/event-filter';
import { streamDeletedError } from './grpc-errors';
import type { ReadStart, SubscriptionFilter } from './read-request';
import { caughtUpResponse, checkpointResponse, confirmationResponse } from './read-responses';
import { encodedEventResponse, type UuidFormat } from './event-encoding';
import { resolvingEncoder } from './resolved-event-encoding';
import type { ResponseWriter } from './response-writer';

/** How a read encodes the events it sends. */
export interface EventEncoding {
  readonly uuidFormat: UuidFormat;
  readonly resolveLinks: boolean;
}

// Events handled per pass before the loop looks at the store (and the call) again.
const PASS_SIZE = 512;

/**
 * One loop serves catch-up and live alike: it sends what is durable past its cursor, waiting
 * for the transport to drain whenever it is full (so a slow subscriber costs no memory), and
 * when nothing is left it says `caught_up` once and sleeps until the next commit.
 */
async function runSubscription(
  store: EventStore,
  writer: ResponseWriter,
  pass: () => Promise<'progressed' | 'idle' | 'stop'>,
  onFirstIdle: () => void,
): Promise<void> {
  const unsubscribe = store.onCommitted(() => writer.wake());
  try {
    writer.write(confirmationResponse());
    let caughtUp = false;
    while (!writer.closed) {
      const result = await pass();
      if (result === 'stop') return;
      if (result === 'idle') {
        if (!caughtUp) {
          caughtUp = true;
          onFirstIdle();
          writer.write(caughtUpResponse());
        }
        await writer.wait();
      }
    }
  } finally {
    unsubscribe();
  }
}

export async function subscribeToStream(
  store: EventStore,
  writer: ResponseWriter,
  streamName: string,
  from: ReadStart,
  { uuidFormat, resolveLinks }: EventEncoding,
): Promise<void> {
  const resolve = resolveLinks ? resolvingEncoder(store, uuidFormat) : undefined;
  const initial = store.streamReadState(streamName);
  if (initial.kind === 'deleted') return writer.fail(streamDeletedError(streamName));
  // Subscriptions start after the given revision; from the end means after the current last one.
  let next: number;
  if (from === 'start') next = 0;
  else if (from === 'end') next = initial.kind === 'found' ? initial.last + 1 : 0;
  else next = Number(from) + 1;

  const pass = async (): Promise<'progressed' | 'idle' | 'stop'> => {
    const state = store.streamReadState(streamName);
    if (state.kind === 'deleted') {
      writer.fail(streamDeletedError(streamName));
      return 'stop';
    }
    if (state.kind === 'not_found' || next > state.last) return 'idle';
    next = Math.max(next, state.first);
    const stop = Math.min(state.last, next + PASS_SIZE - 1);
    while (next <= stop && !writer.closed) {
      const record = store.recordAt(state.entry.seqs.at(next));
      next += 1;
      const response =
        resolve === undefined ? encodedEventResponse(record, uuidFormat) : resolve(record);
      if (!writer.write(response)) await writer.drained();
    }
    return 'progressed';
  };
  await runSubscription(store, writer, pass, () => undefined);
}

export async function subscribeToAll(
  store: EventStore,
  writer: ResponseWriter,
  from: ReadStart,
  filter: SubscriptionFilter | undefined,
  { uuidFormat, resolveLinks }: EventEncoding,
): Promise<void> {
  const resolve = resolveLinks ? resolvingEncoder(store, uuidFormat) : undefined;
  let next: number;
  if (from === 'start') next = 0;
  else if (from === 'end') next = store.durableCount;
  else next = store.seqAtOrAfter(from + 1n);
  const matcher = filter === undefined ? undefined : new EventFilter(filter.spec);
  const onStreamName = filter?.spec.on === 'stream_name';
  const nameOf = (id: number): string => (onStreamName ? store.streamName(id) : store.typeName(id));
  let scannedSinceCheckpoint = 0;

  const sendCheckpoint = (): void => {
    if (next === 0) return;
    scannedSinceCheckpoint = 0;
    writer.write(checkpointResponse(store.positionOf(next - 1)));
  };
  const pass = async (): Promise<'progressed' | 'idle' | 'stop'> => {
    const end = Math.min(store.durableCount, next + PASS_SIZE);
    if (next >= end) return 'idle';
    while (next < end && !writer.closed) {
      const seq = next;
      next += 1;
      const id = onStreamName ? store.streamIdOf(seq) : store.typeIdOf(seq);
      if (matcher === undefined || matcher.matchesId(id, nameOf)) {
        const record = store.recordAt(seq);
        const response =
          resolve === undefined ? encodedEventResponse(record, uuidFormat) : resolve(record);
        if (!writer.write(response)) await writer.drained();
      }
      // A checkpoint follows the event it covers, so resuming after it never skips one.
      if (filter !== undefined && ++scannedSinceCheckpoint >= filter.checkpointInterval)
        sendCheckpoint();
    }
    return 'progressed';
  };
  await runSubscription(store, writer, pass, () => {
    if (filter !== undefined) sendCheckpoint();
  });
}
