import {
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { Event } from '@hirestream/contracts';
import type { EventSerializer } from './event-serializer';
import type { CommandContext, RecordedEvent } from './recorded-event';

export type StreamRead<E extends Event> = Readonly<{
  events: RecordedEvent<E>[];
  /** Revision of the last event, or undefined when the stream does not exist. */
  revision: bigint | undefined;
}>;

export type AppendResult = Readonly<{ nextRevision: bigint; position: bigint | undefined }>;

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

  /** The stream's events from `fromRevision` on (all of them by default). */
  async readStream<E extends Event>(
    streamName: string,
    fromRevision?: bigint,
  ): Promise<StreamRead<E>> {
    const events: RecordedEvent<E>[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision })) {
        events.push(this.serializer.fromResolved<E>(resolved));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { events: [], revision: undefined };
      throw error;
    }
    return { events, revision: events.at(-1)?.revision };
  }

  /** Appends at exactly `expectedRevision` (undefined: the stream must not exist yet). */
  async append(
    streamName: string,
    events: readonly Event[],
    expectedRevision: bigint | undefined,
    context: CommandContext,
    occurredAt: Date = new Date(),
  ): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamName,
        events.map((event) => this.serializer.toEventData(event, context, occurredAt)),
        { expectedRevision: expectedRevision ?? NO_STREAM },
      );
      return { nextRevision: result.nextExpectedRevision, position: result.position?.commit };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? error.actualVersion : undefined;
        throw new StreamRevisionConflictError(streamName, actual);
      }
      throw error;
    }
  }
}
