import { createHash, timingSafeEqual } from 'node:crypto';
import { SaslUser } from '../broker-options';
import { SaslAuthenticationError, SaslExchange } from './sasl-authentication-error';

/** Passwords compared as digests: equal lengths for timingSafeEqual, whatever was sent. */
const digest = (value: string): Buffer => createHash('sha512').update(value, 'utf8').digest();

/** The PLAIN users: digests of their passwords, and one to compare against for unknown names. */
export class PlainCredentials {
  private readonly digests = new Map<string, Buffer>();
  private readonly unknownUser = digest('');

  constructor(users: readonly SaslUser[]) {
    for (const { username, password } of users) this.digests.set(username, digest(password));
  }

  /** Constant time in the password; an unknown user costs the same comparison. */
  verify(username: string, password: string): boolean {
    const expected = this.digests.get(username);
    const matches = timingSafeEqual(digest(password), expected ?? this.unknownUser);
    return expected !== undefined && matches;
  }
}

/**
 * SASL/PLAIN (RFC 4616), `[authzid] NUL authcid NUL passwd` in one token, with
 * the messages of Kafka's PlainSaslServer.
 */
export class PlainExchange implements SaslExchange {
  complete = false;

  constructor(private readonly credentials: PlainCredentials) {}

  evaluate(token: Buffer): Buffer {
    const tokens = token.toString('utf8').split('\0');
    if (tokens.length !== 3) {
      throw new SaslAuthenticationError(
        `Invalid SASL/PLAIN response: expected 3 tokens, got ${Math.min(tokens.length, 4)}`,
      );
    }
    const [authorizationId, username, password] = tokens as [string, string, string];
    if (username === '')
      throw new SaslAuthenticationError('Authentication failed: username not specified');
    if (password === '')
      throw new SaslAuthenticationError('Authentication failed: password not specified');
    if (!this.credentials.verify(username, password))
      throw new SaslAuthenticationError('Authentication failed: Invalid username or password');
    if (authorizationId !== '' && authorizationId !== username) {
      throw new SaslAuthenticationError(
        'Authentication failed: Client requested an authorization id that is different from username',
      );
    }
    this.complete = true;
    return Buffer.alloc(0);
  }
}
