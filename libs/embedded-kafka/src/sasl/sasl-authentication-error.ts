/** A failed exchange; its message is what the client is told (SaslAuthenticate's error message). */
export class SaslAuthenticationError extends Error {}

/** One mechanism's server side for one connection: evaluates each client token in turn. */
export interface SaslExchange {
  /** The token to send back; throws SaslAuthenticationError when authentication fails. */
  evaluate(token: Buffer): Buffer;
  /** Whether the client is authenticated (no more tokens expected). */
  readonly complete: boolean;
}
