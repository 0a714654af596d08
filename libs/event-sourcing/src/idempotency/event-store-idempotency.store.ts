import {
  jsonEvent,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { ERASED_VALUE, isEncryptedValue, type PersonalDataVault } from '@hirestream/personal-data';
import {
  ABANDONED_RESERVATION_MS,
  currentCorrelation,
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
 * scavenging deletes them. A response to a request that read or wrote personal
 * data is stored sealed under the keys of those data subjects (with `vault`):
 * erasing one of them makes it unreadable, and a repeat is answered 410 Gone.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly client: EventStoreDBClient,
    /** How long a key is remembered: a client retrying later is making a new request. */
    private readonly ttlMs: number,
    private readonly vault?: PersonalDataVault,
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
        return {
          outcome: 'completed',
          fingerprint: state.fingerprint,
          response: await this.opened(scopedKey, state.response),
        };
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
    const keyIds = [...(currentCorrelation()?.personalDataKeys ?? [])];
    let stored = response;
    if (this.vault !== undefined && keyIds.length > 0) {
      // A subject erased while the request ran: what it read of them is not kept.
      stored = (await this.vault.anyErased(keyIds))
        ? { headers: response.headers, body: null, erased: true }
        : {
            ...response,
            body: await this.vault.sealValue(response.body, keyIds, bodyLocation(scopedKey)),
          };
    }
    await this.client.appendToStream(
      `idempotency-${scopedKey}`,
      jsonEvent<IdempotencyEvent>({
        type: 'IdempotentRequestCompleted',
        data: { response: stored },
      }),
    );
  }

  /** The stored response with its body opened; `erased` once a subject's key is erased. */
  private async opened(scopedKey: string, response: StoredResponse): Promise<StoredResponse> {
    if (this.vault === undefined || !isEncryptedValue(response.body)) return response;
    const [body] = await this.vault.openValues([
      { sealed: response.body, at: bodyLocation(scopedKey) },
    ]);
    return body === ERASED_VALUE
      ? { headers: response.headers, body: null, erased: true }
      : { ...response, body };
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

/** Where a stored response's sealed body is bound: its key's record. */
function bodyLocation(scopedKey: string) {
  return { eventId: `idempotency-${scopedKey}`, path: '/response/body' };
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
