import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';

/** An event some request appended, as stored (its personal values sealed). */
export type AppendedEvent = Readonly<{
  eventId: string;
  streamId: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
}>;

/**
 * Streams the platform keeps for its own bookkeeping (subscription checkpoints,
 * Idempotency-Key records, snapshots) and the server's own (`$…`, as are its
 * event types): not facts of the domain.
 */
const BOOKKEEPING_STREAM = /^(\$|checkpoint-|idempotency-|snapshot-)/;

/** Where `$all` ended when marked (undefined: it was empty). */
export type StoreMark = Position | undefined;

/**
 * Watches `$all` for the domain events requests append, setting aside the
 * platform's bookkeeping, so a test can tell what a request wrote anywhere.
 */
export class AppendedEvents {
  constructor(private readonly client: EventStoreDBClient) {}

  /** Where `$all` ends now: mark before a request, then ask `since(mark)`. */
  async mark(): Promise<StoreMark> {
    let last: StoreMark;
    // Read to the end rather than leaving the read early: a cancelled read may outlive the test.
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      last = resolved.event?.position;
    }
    return last;
  }

  /** The domain events appended after `mark`, oldest first. */
  async since(mark: StoreMark): Promise<AppendedEvent[]> {
    const appended: AppendedEvent[] = [];
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: mark ?? START,
    })) {
      const event = resolved.event;
      if (event === undefined || (mark !== undefined && event.position.commit <= mark.commit)) {
        continue;
      }
      if (BOOKKEEPING_STREAM.test(event.streamId) || event.type.startsWith('$')) continue;
      appended.push({
        eventId: event.id,
        streamId: event.streamId,
        type: event.type,
        data: event.data as Readonly<Record<string, unknown>>,
      });
    }
    return appended;
  }
}
