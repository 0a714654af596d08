import {
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import type { EventSerializer } from './event-serializer';
import type { CommandContext, RecordedEvent } from './recorded-event';

/** Where an event sits in its stream, whether or not it was decoded. */
export type StreamPoint = Readonly<{ revision: bigint; eventId: string }>;

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
    const events: RecordedEvent<E>[] = [];
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
        last = { revision: recorded.revision, eventId: recorded.id };
        first ??= last;
        count += 1;
        if (options.types === undefined || options.types.has(recorded.type)) {
          events.push(this.serializer.fromResolved<E>(resolved));
        }
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { events, revision: last?.revision, first, last, count };
  }

  /**
   * Appends at exactly `expectedRevision` (undefined: the stream must not exist
   * yet). Every event is checked against its contract first: an invalid one is
   * refused with `InvalidEventError` and nothing is written.
   */
  async append(
    streamName: string,
    events: readonly Event[],
    expectedRevision: bigint | undefined,
    context: CommandContext,
    occurredAt: Date = new Date(),
  ): Promise<AppendResult> {
    const data = events.map((event) => this.serializer.toEventData(event, context, occurredAt));
    try {
      const result = await this.client.appendToStream(streamName, data, {
        expectedRevision: expectedRevision ?? NO_STREAM,
      });
      return {
        nextRevision: result.nextExpectedRevision,
        position: result.position?.commit,
        eventIds: data.map((event) => event.id),
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : undefined;
        throw new StreamRevisionConflictError(streamName, actual);
      }
      throw error;
    }
  }
}
