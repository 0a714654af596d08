import type { EventStore } from '../store/event-store';
import type { Direction } from '../store/store-types';
import { streamDeletedError } from './grpc-errors';
import type { ReadStart } from './read-request';
import { createdTicksOf } from '../storage/record-format';
import { encodedEventResponse } from './event-encoding';
import { resolvingEncoder } from './resolved-event-encoding';
import type { EventEncoding } from './subscriptions';
import { streamNotFoundResponse } from './read-responses';
import type { ResponseWriter } from './response-writer';

interface BoundedRead extends EventEncoding {
  readonly from: ReadStart;
  readonly direction: Direction;
  readonly count: bigint;
}

/** Reads a stream's visible revisions (after `$tb`, `$maxCount` and `$maxAge`) from a revision, either way. */
export async function readStream(
  store: EventStore,
  writer: ResponseWriter,
  streamName: string,
  read: BoundedRead,
): Promise<void> {
  const state = store.streamReadState(streamName);
  if (state.kind === 'deleted') return writer.fail(streamDeletedError(streamName));
  if (state.kind === 'not_found') {
    writer.write(streamNotFoundResponse(streamName));
    return writer.end();
  }
  const { entry, first, last } = state;
  const oldestTicks = store.oldestReadableTicks(entry);
  const forwards = read.direction === 'forwards';
  const start =
    read.from === 'start'
      ? forwards
        ? first
        : -1
      : read.from === 'end'
        ? forwards
          ? last + 1
          : last
        : read.from;
  let revision = forwards ? Math.max(first, Number(start)) : Math.min(last, Number(start));
  let remaining = read.count;
  const resolve = read.resolveLinks ? resolvingEncoder(store, read.uuidFormat) : undefined;
  while (remaining > 0n && !writer.closed && (forwards ? revision <= last : revision >= first)) {
    const record = store.recordAt(entry.seqs.at(revision));
    revision += forwards ? 1 : -1;
    if (oldestTicks !== undefined && createdTicksOf(record) < oldestTicks) {
      if (forwards) continue;
      break;
    }
    remaining -= 1n;
    const response =
      resolve === undefined ? encodedEventResponse(record, read.uuidFormat) : resolve(record);
    if (!writer.write(response)) await writer.drained();
  }
  writer.end();
}

/** Reads $all from a position: forwards from the first event at or after it, backwards from the last before it. */
export async function readAll(
  store: EventStore,
  writer: ResponseWriter,
  read: BoundedRead,
): Promise<void> {
  const end = store.durableCount;
  const forwards = read.direction === 'forwards';
  let seq: number;
  if (read.from === 'start') seq = forwards ? 0 : -1;
  else if (read.from === 'end') seq = forwards ? end : end - 1;
  else seq = store.seqAtOrAfter(read.from) - (forwards ? 0 : 1);
  let remaining = read.count;
  const resolve = read.resolveLinks ? resolvingEncoder(store, read.uuidFormat) : undefined;
  while (remaining > 0n && !writer.closed && seq >= 0 && seq < end) {
    const record = store.recordAt(seq);
    seq += forwards ? 1 : -1;
    remaining -= 1n;
    const response =
      resolve === undefined ? encodedEventResponse(record, read.uuidFormat) : resolve(record);
    if (!writer.write(response)) await writer.drained();
  }
  writer.end();
}
