import {
  BACKWARDS,
  END,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import { genesisHash, storedChainKey } from '../chain/chain-hash';
import type { ChainHead } from '../chain/chain-report';
import type { EventSerializer } from './event-serializer';
import type { CommandContext, RecordedEvent } from './recorded-event';

/** Where an event sits in its stream, whether or not it was decoded, and its stored chain hash. */
export type StreamPoint = Readonly<{
  revision: bigint;
  eventId: string;
  /** The `hash` in its stored metadata; undefined for an event written before the chain. */
  hash: string | undefined;
}>;

export type StreamRead<E extends Event> = Readonly<{
  events: RecordedEvent<E>[];
  /** Revision of the last event read, or undefined when none was (or the stream does not exist). */
  revision: bigint | undefined;
  /** The first and last events read, also when `types` passed over them. */
  first: StreamPoint | undefined;
  last: StreamPoint | undefined;
  /** How many events were read, decoded or passed over. */
  count: number;
}>;

export type ReadStreamOptions = Readonly<{
  /** The first revision to read (default: the stream's start). */
  fromRevision?: bigint;
  /** Read at most this many events. */
  maxCount?: number;
  /**
   * Decode only events of these types; the others (other services' facts in a
   * shared stream, perhaps at schema versions this build does not know) are
   * passed over unread, but still count for the revision.
   */
  types?: ReadonlySet<string>;
}>;

export type AppendResult = Readonly<{
  nextRevision: bigint;
  /** Commit position of the append in `$all`, when the server reports one. */
  position: bigint | undefined;
  /** The ids the appended events were given, in order. */
  eventIds: readonly string[];
  /** The chain hash each appended event was stored with, in order. */
  hashes: readonly string[];
  /** The data keys the appended events' personal values were sealed under. */
  keyIds: readonly string[];
}>;

/** Raised by `append` when the stream is not at the expected revision. */
export class StreamRevisionConflictError extends Error {
  constructor(
    readonly streamName: string,
    readonly actualRevision: bigint | undefined,
  ) {
    super(`stream ${streamName} is at ${actualRevision ?? 'no revision'}`);
    this.name = 'StreamRevisionConflictError';
  }
}

/** The one way services read and write streams: typed events in, typed envelopes out. */
export class EventStore {
  constructor(
    readonly client: EventStoreDBClient,
    readonly serializer: EventSerializer,
  ) {}

  async readStream<E extends Event>(
    streamName: string,
    options: ReadStreamOptions = {},
  ): Promise<StreamRead<E>> {
    const wanted: ResolvedEvent[] = [];
    let first: StreamPoint | undefined;
    let last: StreamPoint | undefined;
    let count = 0;
    try {
      for await (const resolved of this.client.readStream(streamName, {
        fromRevision: options.fromRevision,
        maxCount: options.maxCount,
      })) {
        const recorded = resolved.event;
        if (recorded === undefined) continue;
        last = {
          revision: recorded.revision,
          eventId: recorded.id,
          hash: storedChainKey(recorded.metadata, 'hash'),
        };
        first ??= last;
        count += 1;
        if (options.types === undefined || options.types.has(recorded.type)) {
          wanted.push(resolved);
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    const events = await this.serializer.open<E>(wanted);
    return { events, revision: last?.revision, first, last, count };
  }

  /**
   * Appends at exactly `expectedRevision` (undefined: the stream must not exist
   * yet). Every event is checked against its contract first: an invalid one is
   * refused with `InvalidEventError` and nothing is written. Each event is linked
   * into the stream's hash chain: the first after `chainHead`, the stream's last
   * event as the caller read it at `expectedRevision` (read here when not given),
   * or after the genesis for a new stream; the expected revision keeps a writer
   * that read an older head from forking the chain.
   */
  async append(
    streamName: string,
    events: readonly Event[],
    expectedRevision: bigint | undefined,
    context: CommandContext,
    occurredAt: Date = new Date(),
    chainHead?: ChainHead,
  ): Promise<AppendResult> {
    const head =
      expectedRevision === undefined
        ? undefined
        : (chainHead ?? (await this.chainHeadAt(streamName, expectedRevision)));
    if (head !== undefined && head.revision !== expectedRevision) {
      throw new Error(
        `the chain head given (revision ${head.revision}) is not at the expected revision ${expectedRevision}`,
      );
    }
    const firstRevision = expectedRevision === undefined ? 0n : expectedRevision + 1n;
    let previousHash = head?.hash ?? genesisHash(streamName);
    const prepared = await this.serializer.prepare(events, context, occurredAt);
    const chained = prepared.map((event, index) => {
      const linked = this.serializer.toChainedEventData(event, {
        streamName,
        revision: firstRevision + BigInt(index),
        previousHash,
      });
      previousHash = linked.hash;
      return linked;
    });
    const data = chained.map((linked) => linked.eventData);
    try {
      const result = await this.client.appendToStream(streamName, data, {
        expectedRevision: expectedRevision ?? NO_STREAM,
      });
      return {
        nextRevision: result.nextExpectedRevision,
        position: result.position?.commit,
        eventIds: data.map((event) => event.id),
        hashes: chained.map((linked) => linked.hash),
        keyIds: [...new Set(prepared.flatMap((event) => event.keyIds))],
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : undefined;
        throw new StreamRevisionConflictError(streamName, actual);
      }
      throw error;
    }
  }

  /** The stream's last event, which must be at `expectedRevision`, else the append would conflict. */
  private async chainHeadAt(streamName: string, expectedRevision: bigint): Promise<ChainHead> {
    let head: ChainHead | undefined;
    try {
      // Consumed to its end, never left early: see the README.
      for await (const resolved of this.client.readStream(streamName, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const recorded = resolved.event;
        if (recorded !== undefined) {
          head = { revision: recorded.revision, hash: storedChainKey(recorded.metadata, 'hash') };
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    if (head === undefined || head.revision !== expectedRevision) {
      throw new StreamRevisionConflictError(streamName, head?.revision);
    }
    return head;
  }
}
