/**
 * The response a first request got, replayed to every repeat with the same key.
 * Only successful responses are stored, so the route's own status code applies.
 */
export interface StoredResponse {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The body held personal data that has since been erased: a repeat is answered 410 Gone. */
  readonly erased?: boolean;
}

export type IdempotencyReservation =
  | { readonly outcome: 'reserved' }
  | { readonly outcome: 'in-progress'; readonly fingerprint: string }
  | {
      readonly outcome: 'completed';
      readonly fingerprint: string;
      readonly response: StoredResponse;
    };

/**
 * Durable memory of Idempotency-Key requests. `reserve` is atomic: of two
 * concurrent requests with one key, exactly one gets `reserved`.
 */
export interface IdempotencyStore {
  reserve(scopedKey: string, fingerprint: string, now: Date): Promise<IdempotencyReservation>;
  complete(scopedKey: string, response: StoredResponse): Promise<void>;
  /** Forgets a reservation whose request failed, so the client may retry it. */
  release(scopedKey: string): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/** A reservation older than this belongs to a request that died; a repeat may take it over. */
export const ABANDONED_RESERVATION_MS = 60_000;
