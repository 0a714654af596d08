import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSha512, ScramCredential, sha512 } from './scram-credentials';
import { SaslAuthenticationError, SaslExchange } from './sasl-authentication-error';

// RFC 5802 §7 as Kafka's ScramMessages reads it (ASCII names and values, no ',').
const SASL_NAME = '(?:[\\x01-\\x2B\\x2D-\\x3C\\x3E-\\x7F]|=2C|=3D)+';
const VALUE = '[\\x01-\\x2B\\x2D-\\x7F]+';
const PRINTABLE = '[\\x21-\\x2B\\x2D-\\x7E]+';
const BASE64 = '(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)?';
const EXTENSIONS = `(?:,[A-Za-z]+=${VALUE})*`;
const CLIENT_FIRST = new RegExp(
  `^(n,(?:a=(?<authzid>${SASL_NAME}))?,)((?:m=${VALUE},)?n=(?<saslName>${SASL_NAME}),r=(?<nonce>${PRINTABLE})(?<extensions>${EXTENSIONS}))$`,
);
const CLIENT_FINAL = new RegExp(
  `^(c=(?<channelBinding>${BASE64}),r=(?<nonce>${PRINTABLE})${EXTENSIONS}),p=(?<proof>${BASE64})$`,
);

/** Kafka answers every SaslException with this, so that nothing tells whether the user exists. */
export const SCRAM_FAILED =
  'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512';

/** RFC 5802 §5.1: ',' and '=' travel as =2C and =3D; another '=' is not a name. */
function username(saslName: string): string | undefined {
  const withCommas = saslName.replaceAll('=2C', ',');
  if (withCommas.replaceAll('=3D', '').includes('=')) return undefined;
  return withCommas.replaceAll('=3D', '=');
}

interface AwaitingFinal {
  readonly credential: ScramCredential;
  readonly gs2Header: string;
  readonly clientFirstBare: string;
  readonly serverFirst: string;
  readonly nonce: string;
}

/**
 * SCRAM-SHA-512 server (RFC 5802, RFC 7677 with SHA-512), as Kafka's
 * ScramSaslServer: client-first → server-first (nonce, salt, iterations),
 * client-final (channel binding, nonce, proof) → server-final (signature).
 * Only `n` channel binding (none), as over SASL_PLAINTEXT.
 */
export class ScramSha512Exchange implements SaslExchange {
  complete = false;
  private awaiting: AwaitingFinal | undefined;
  private failed = false;

  constructor(
    private readonly credentials: ReadonlyMap<string, ScramCredential>,
    private readonly serverNonce: () => string = () => randomBytes(24).toString('base64url'),
  ) {}

  evaluate(token: Buffer): Buffer {
    if (this.failed || this.complete) throw new SaslAuthenticationError(SCRAM_FAILED);
    try {
      return this.awaiting === undefined
        ? this.clientFirst(token.toString('utf8'))
        : this.clientFinal(token.toString('utf8'), this.awaiting);
    } catch (error) {
      this.failed = true;
      this.awaiting = undefined;
      throw error instanceof SaslAuthenticationError
        ? error
        : new SaslAuthenticationError(SCRAM_FAILED);
    }
  }

  private clientFirst(message: string): Buffer {
    const match = CLIENT_FIRST.exec(message);
    const groups = match?.groups;
    if (match === null || groups === undefined) throw new Error('invalid client-first-message');
    const name = username(groups.saslName ?? '');
    const credential = name === undefined ? undefined : this.credentials.get(name);
    // Kafka's ScramSaslServer fails at once for an unknown user, with the message that hides it.
    if (name === undefined || credential === undefined) throw new Error('unknown user');
    // Delegation tokens (tokenauth=true) are not supported: no token matches.
    if (/(^|,)tokenauth=true(,|$)/i.test(groups.extensions ?? '')) throw new Error('token');
    const authzid = groups.authzid === undefined ? '' : username(groups.authzid);
    if (authzid !== '' && authzid !== name) {
      throw new SaslAuthenticationError(
        'Authentication failed: Client requested an authorization id that is different from username',
      );
    }
    const nonce = `${groups.nonce ?? ''}${this.serverNonce()}`;
    const serverFirst = `r=${nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.awaiting = {
      credential,
      gs2Header: match[1] ?? '',
      clientFirstBare: match[3] ?? '',
      serverFirst,
      nonce,
    };
    return Buffer.from(serverFirst, 'utf8');
  }

  private clientFinal(message: string, awaiting: AwaitingFinal): Buffer {
    const match = CLIENT_FINAL.exec(message);
    const groups = match?.groups;
    if (match === null || groups === undefined) throw new Error('invalid client-final-message');
    const channelBinding = Buffer.from(groups.channelBinding ?? '', 'base64').toString('utf8');
    if (channelBinding !== awaiting.gs2Header) throw new Error('channel binding');
    // Kafka only asks that the nonce end with the one it sent: librdkafka 2.0 sends the
    // client nonce twice (client nonce + the server's whole nonce) and Kafka accepts it.
    if (!(groups.nonce ?? '').endsWith(awaiting.nonce)) throw new Error('nonce');
    const proof = Buffer.from(groups.proof ?? '', 'base64');
    const { storedKey, serverKey } = awaiting.credential;
    if (proof.length !== storedKey.length) throw new Error('proof length');
    const authMessage = `${awaiting.clientFirstBare},${awaiting.serverFirst},${match[1] ?? ''}`;
    const clientSignature = hmacSha512(storedKey, authMessage);
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++)
      clientKey[i] = (proof[i] ?? 0) ^ (clientSignature[i] ?? 0);
    if (!timingSafeEqual(sha512(clientKey), storedKey)) throw new Error('proof');
    this.awaiting = undefined;
    this.complete = true;
    return Buffer.from(`v=${hmacSha512(serverKey, authMessage).toString('base64')}`, 'utf8');
  }
}
