import {
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import {
  ABANDONED_RESERVATION_MS,
  type IdempotencyReservation,
  type IdempotencyStore,
  type StoredResponse,
} from '@hirestream/platform';

type IdempotencyEvent =
  | { type: 'IdempotentRequestReserved'; data: { fingerprint: string; reservedAt: string } }
  | { type: 'IdempotentRequestCompleted'; data: { response: StoredResponse } }
  | { type: 'IdempotentRequestReleased'; data: Record<string, never> };

type KeyState =
  | { status: 'free' }
  | { status: 'reserved'; fingerprint: string; reservedAt: number }
  | { status: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * Idempotency-Key records kept in EventStoreDB, one stream per scoped key
 * (`idempotency-<hash>`). A reservation is an append that expects the stream's
 * current revision, so concurrent repeats cannot both run. Each stream's
 * metadata gives it a `$maxAge` of the time to live: older records are no
 * longer read (a repeat then runs as a new request) and EventStoreDB's
 * scavenging deletes them.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: EventStoreDBClient,
    /** How long a key is remembered: a client retrying later is making a new request. */
    private readonly ttlMs: number,
  ) {}

  async reserve(
    scopedKey: string,
    fingerprint: string,
    now: Date,
  ): Promise<IdempotencyReservation> {
    const streamName = `idempotency-${scopedKey}`;
    /** The revision of a stream whose every record expired (it reads as empty but exists). */
    let expiredAt: bigint | undefined;
    for (;;) {
      const read = await this.read(streamName);
      const { state } = read;
      const revision = read.revision ?? expiredAt;
      const abandoned =
        state.status === 'reserved' && now.getTime() - state.reservedAt > ABANDONED_RESERVATION_MS;
      if (state.status === 'completed') {
        return { outcome: 'completed', fingerprint: state.fingerprint, response: state.response };
      }
      if (state.status === 'reserved' && !abandoned) {
        return { outcome: 'in-progress', fingerprint: state.fingerprint };
      }
      try {
        await this.client.appendToStream(
          streamName,
          jsonEvent<IdempotencyEvent>({
            type: 'IdempotentRequestReserved',
            data: { fingerprint, reservedAt: now.toISOString() },
          }),
          { expectedRevision: revision ?? NO_STREAM },
        );
        if (revision === undefined) {
          await this.client.setStreamMetadata(streamName, {
            maxAge: Math.ceil(this.ttlMs / 1000),
          });
        }
        return { outcome: 'reserved' };
      } catch (error) {
        // Another request with this key got in first: look again at what it did.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (read.revision === undefined && typeof error.actualVersion === 'bigint') {
          expiredAt = error.actualVersion;
        }
      }
    }
  }

  async complete(scopedKey: string, response: StoredResponse): Promise<void> {
    await this.client.appendToStream(
      `idempotency-${scopedKey}`,
      jsonEvent<IdempotencyEvent>({ type: 'IdempotentRequestCompleted', data: { response } }),
    );
  }

  async release(scopedKey: string): Promise<void> {
    await this.client.appendToStream(
      `idempotency-${scopedKey}`,
      jsonEvent<IdempotencyEvent>({ type: 'IdempotentRequestReleased', data: {} }),
    );
  }

  private async read(
    streamName: string,
  ): Promise<{ state: KeyState; revision: bigint | undefined }> {
    let state: KeyState = { status: 'free' };
    let revision: bigint | undefined;
    try {
      for await (const resolved of this.client.readStream<IdempotencyEvent>(streamName)) {
        if (resolved.event === undefined) continue;
        revision = resolved.event.revision;
        state = evolve(state, resolved.event as unknown as IdempotencyEvent);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return { state, revision };
  }
}

function evolve(state: KeyState, event: IdempotencyEvent): KeyState {
  switch (event.type) {
    case 'IdempotentRequestReserved':
      return {
        status: 'reserved',
        fingerprint: event.data.fingerprint,
        reservedAt: Date.parse(event.data.reservedAt),
      };
    case 'IdempotentRequestCompleted':
      return state.status === 'reserved'
        ? { status: 'completed', fingerprint: state.fingerprint, response: event.data.response }
        : state;
    case 'IdempotentRequestReleased':
      return { status: 'free' };
  }
}
