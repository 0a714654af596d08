import { randomUUID } from 'node:crypto';
import { jsonEvent, type EventData, type ResolvedEvent } from '@eventstore/db-client';
import type { Event, EventCatalog, EventMetadata } from '@hirestream/contracts';
import type { PersonalDataVault } from '@hirestream/personal-data';
import { currentCorrelation } from '@hirestream/platform';
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

/**
 * An event ready to store: its id, and its data with the personal values sealed
 * (bound to that id) under `keyIds`, after its contract accepted the plain data.
 */
export type PreparedEvent = Readonly<{
  eventId: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  metadata: StoredMetadata;
  keyIds: readonly string[];
}>;

/** Notes the data subjects a request's work read or wrote (see `CorrelationIds.personalDataKeys`). */
export function noteSubjects(keyIds: readonly string[]): void {
  const used = currentCorrelation()?.personalDataKeys;
  if (used !== undefined) for (const keyId of keyIds) used.add(keyId);
}

/** Raised when a stored event cannot be read as a hirestream event. */
export class UnreadableEventError extends Error {
  constructor(streamName: string, revision: bigint, reason: string) {
    super(`event ${streamName}@${revision} cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/**
 * Events to and from their stored form. With a vault, the personal values the
 * contracts mark are sealed on the way in (`prepare`) and opened on the way out
 * (`open`); without one (tools and benches seeding a store) they are stored plain.
 */
export class EventSerializer {
  constructor(
    readonly catalog: EventCatalog,
    readonly vault?: PersonalDataVault,
  ) {}

  /**
   * The event as stored, unchained and unsealed, after checking its data against
   * its contract (`InvalidEventError`): for seeding a store without a vault.
   */
  toEventData(event: Event, context: CommandContext, occurredAt: Date): EventData {
    if (this.vault !== undefined) {
      throw new Error('a serializer with a vault stores events through prepare, sealed');
    }
    return jsonEvent({
      id: randomUUID(),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: this.storedMetadata(event, context, occurredAt),
    });
  }

  /**
   * The events ready to store: each checked against its contract (all of them
   * before anything is sealed, `InvalidEventError`), given its id, and its
   * personal values sealed under the subject's key (`PersonalDataErasedError`
   * for an erased subject).
   */
  async prepare(
    events: readonly Event[],
    context: CommandContext,
    occurredAt: Date,
  ): Promise<PreparedEvent[]> {
    const checked = events.map((event) => ({
      event,
      metadata: this.storedMetadata(event, context, occurredAt),
      eventId: randomUUID(),
    }));
    return Promise.all(
      checked.map(async ({ event, metadata, eventId }) => {
        const data = event.data as Readonly<Record<string, unknown>>;
        const sealed =
          this.vault === undefined
            ? { data, keyIds: [] }
            : await this.vault.sealEvent(event.type, data, eventId);
        noteSubjects(sealed.keyIds);
        return { eventId, type: event.type, metadata, ...sealed };
      }),
    );
  }

  /** `PersonalDataErasedError` now if `prepare` would refuse the events for an erased subject. */
  async checkSealable(events: readonly Event[]): Promise<void> {
    const vault = this.vault;
    if (vault === undefined) return;
    await Promise.all(
      events.map((event) =>
        vault.checkSealable(event.type, event.data as Readonly<Record<string, unknown>>),
      ),
    );
  }

  /**
   * The prepared event as stored at `position` of its stream's hash chain (over
   * the data as stored, sealed values included): its metadata also carries
   * `previousHash` and its own `hash`, returned beside it for the next event.
   */
  toChainedEventData(
    prepared: PreparedEvent,
    position: ChainPosition,
  ): Readonly<{ eventData: EventData; hash: string }> {
    const metadata = linkedMetadata(
      {
        streamName: position.streamName,
        revision: position.revision,
        type: prepared.type,
        data: prepared.data,
      },
      prepared.metadata,
      position.previousHash,
    );
    const eventData = jsonEvent({
      id: prepared.eventId,
      type: prepared.type,
      data: prepared.data as Record<string, unknown>,
      metadata,
    });
    return { eventData, hash: metadata.hash };
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

  /**
   * The events read, in order, each with its personal values opened (one key
   * fetch for them all): a value whose subject was erased reads as `[erased]`,
   * listed in `erasedPaths`. Without a vault, as `fromResolved`.
   */
  async open<E extends Event>(resolved: readonly ResolvedEvent[]): Promise<RecordedEvent<E>[]> {
    const stored = resolved.map((one) => storedEventOf(one));
    if (this.vault === undefined) return stored.map((one) => this.recorded<E>(one, one.data));
    const opened = await this.vault.openEvents(
      stored.map(({ recorded, data }) => ({ eventId: recorded.id, data })),
    );
    return stored.map((one, index) => {
      const { data, erasedPaths, keyIds } = opened[index];
      noteSubjects(keyIds);
      const recorded = this.recorded<E>(one, data);
      return keyIds.length === 0
        ? recorded
        : { ...recorded, personalData: { keyIds, erasedPaths } };
    });
  }

  /**
   * The event as stored, upcast to this build's version of its contract, its
   * personal values still sealed (what the relay publishes); `open` reads them.
   * Upcasters keep personal fields where they are: each is bound to its path.
   */
  fromResolved<E extends Event>(resolved: ResolvedEvent): RecordedEvent<E> {
    const stored = storedEventOf(resolved);
    return this.recorded<E>(stored, stored.data);
  }

  private recorded<E extends Event>(
    { recorded, metadata }: StoredEvent,
    data: Readonly<Record<string, unknown>>,
  ): RecordedEvent<E> {
    const upcast = this.catalog.upcast(recorded.type, metadata.schemaVersion, data);
    const contract = this.catalog.contractOf(recorded.type);
    return {
      event: { type: recorded.type, data: upcast } as unknown as E,
      metadata: {
        eventId: recorded.id,
        occurredAt: metadata.occurredAt ?? recorded.created.toISOString(),
        actor: metadata.actor ?? { id: 'unknown', role: 'system' },
        correlationId: metadata.$correlationId ?? recorded.id,
        causationId: metadata.$causationId ?? recorded.id,
        schemaVersion: contract?.schemaVersion ?? metadata.schemaVersion,
      },
      streamName: recorded.streamId,
      revision: recorded.revision,
      position: recorded.position?.commit,
    };
  }
}

/** A stored event's record, its metadata and its data as stored. */
type StoredEvent = Readonly<{
  recorded: NonNullable<ResolvedEvent['event']>;
  metadata: Partial<StoredMetadata> & Pick<StoredMetadata, 'schemaVersion'>;
  data: Readonly<Record<string, unknown>>;
}>;

function storedEventOf(resolved: ResolvedEvent): StoredEvent {
  const recorded = resolved.event;
  if (recorded === undefined) {
    throw new Error('a resolved event without an event (unresolved link) cannot be read');
  }
  const { streamId, revision } = recorded;
  if (!recorded.isJson || typeof recorded.data !== 'object' || recorded.data === null) {
    throw new UnreadableEventError(streamId, revision, 'data is not a JSON object');
  }
  const metadata = recorded.metadata as Partial<StoredMetadata> | undefined;
  if (
    metadata === undefined ||
    typeof metadata !== 'object' ||
    typeof metadata.schemaVersion !== 'number'
  ) {
    throw new UnreadableEventError(streamId, revision, 'metadata lacks a schema version');
  }
  return {
    recorded,
    metadata: metadata as StoredEvent['metadata'],
    data: recorded.data as Readonly<Record<string, unknown>>,
  };
}
