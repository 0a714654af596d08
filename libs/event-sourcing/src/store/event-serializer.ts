import { randomUUID } from 'node:crypto';
import { jsonEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { Event, EventCatalog, EventMetadata } from '@hirestream/contracts';
import { linkedMetadata } from '../chain/chain-hash';
import { InvalidEventError } from './invalid-event.error';
import type { CommandContext, RecordedEvent } from './recorded-event';

/*
 * Stored metadata uses EventStoreDB's own `$correlationId` / `$causationId` keys
 * so that its system projections (e.g. `$by_correlation_id`) work on our events.
 * Events appended through `EventStore.append` also carry `previousHash` and `hash`
 * (the stream's hash chain, see chain/), which reading leaves out of `EventMetadata`.
 */
type StoredMetadata = {
  occurredAt: string;
  actor: EventMetadata['actor'];
  $correlationId: string;
  $causationId: string;
  schemaVersion: number;
};

/** Where an event goes in its stream's hash chain: its revision and the hash it follows. */
export type ChainPosition = Readonly<{
  streamName: string;
  revision: bigint;
  previousHash: string;
}>;

/** Raised when a stored event cannot be read as a hirestream event. */
export class UnreadableEventError extends Error {
  constructor(streamName: string, revision: bigint, reason: string) {
    super(`event ${streamName}@${revision} cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

export class EventSerializer {
  constructor(readonly catalog: EventCatalog) {}

  /** The event as stored, after checking its data against its contract (`InvalidEventError`). */
  toEventData(event: Event, context: CommandContext, occurredAt: Date): EventData {
    return this.eventData(event, this.storedMetadata(event, context, occurredAt));
  }

  /**
   * The event as stored at `position` of its stream's hash chain: its metadata also
   * carries `previousHash` and its own `hash`, returned beside it for the next event.
   */
  toChainedEventData(
    event: Event,
    context: CommandContext,
    occurredAt: Date,
    position: ChainPosition,
  ): Readonly<{ eventData: EventData; hash: string }> {
    const metadata = linkedMetadata(
      {
        streamName: position.streamName,
        revision: position.revision,
        type: event.type,
        data: event.data,
      },
      this.storedMetadata(event, context, occurredAt),
      position.previousHash,
    );
    return { eventData: this.eventData(event, metadata), hash: metadata.hash };
  }

  private storedMetadata(event: Event, context: CommandContext, occurredAt: Date): StoredMetadata {
    const contract = this.catalog.contractOf(event.type);
    if (contract === undefined) {
      throw new Error(`event type ${event.type} has no contract in the catalog`);
    }
    const problems = this.catalog.schemaProblems(event.type, event.data);
    if (problems.length > 0) throw new InvalidEventError(event.type, problems);
    return {
      occurredAt: occurredAt.toISOString(),
      actor: context.actor,
      $correlationId: context.correlationId,
      $causationId: context.causationId,
      schemaVersion: contract.schemaVersion,
    };
  }

  private eventData(event: Event, metadata: StoredMetadata): EventData {
    return jsonEvent({
      id: randomUUID(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata,
    });
  }

  fromResolved<E extends Event>(resolved: ResolvedEvent): RecordedEvent<E> {
    const recorded = resolved.event;
    if (recorded === undefined) {
      throw new Error('a resolved event without an event (unresolved link) cannot be read');
    }
    const { streamId, revision } = recorded;
    if (!recorded.isJson || typeof recorded.data !== 'object' || recorded.data === null) {
      throw new UnreadableEventError(streamId, revision, 'data is not a JSON object');
    }
    const stored = recorded.metadata as Partial<StoredMetadata> | undefined;
    if (
      stored === undefined ||
      typeof stored !== 'object' ||
      typeof stored.schemaVersion !== 'number'
    ) {
      throw new UnreadableEventError(streamId, revision, 'metadata lacks a schema version');
    }
    const data = this.catalog.upcast(
      recorded.type,
      stored.schemaVersion,
      recorded.data as Record<string, unknown>,
    );
    const contract = this.catalog.contractOf(recorded.type);
    return {
      event: { type: recorded.type, data } as unknown as E,
      metadata: {
        eventId: recorded.id,
        occurredAt: stored.occurredAt ?? recorded.created.toISOString(),
        actor: stored.actor ?? { id: 'unknown', role: 'system' },
        correlationId: stored.$correlationId ?? recorded.id,
        causationId: stored.$causationId ?? recorded.id,
        schemaVersion: contract?.schemaVersion ?? stored.schemaVersion,
      },
      streamName: streamId,
      revision,
      position: recorded.position?.commit,
    };
  }
}
