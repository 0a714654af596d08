import { ApiKey, isSupportedVersion } from '../protocol/api-keys';
import { FLEXIBLE_API_VERSIONS_VERSION } from '../protocol/apis/api-versions';
import {
  decodeSaslAuthenticateRequest,
  encodeSaslAuthenticateResponse,
} from '../protocol/apis/sasl-authenticate';
import {
  decodeSaslHandshakeRequest,
  encodeSaslHandshakeResponse,
} from '../protocol/apis/sasl-handshake';
import { ByteReader, MalformedRequestError } from '../protocol/byte-reader';
import { ErrorCode } from '../protocol/error-codes';
import { RequestHeader } from '../protocol/request-header';
import { SaslAuthenticationError, SaslExchange } from './sasl-authentication-error';
import { SaslMechanisms } from './sasl-mechanisms';

/**
 * What the connection does with a frame received before authentication:
 * - serve: handle it as usual (ApiVersions before the handshake),
 * - answer: write this response body (request's correlation id) and go on,
 * - token: write this token as a bare size-prefixed frame (after a v0 handshake) and go on,
 * - fail: close the connection, after writing the answer if there is one.
 *   `authentication` failures wait Kafka's `connection.failed.authentication.delay.ms` first.
 */
export type SaslStep =
  | { readonly kind: 'serve' }
  | { readonly kind: 'answer'; readonly body: Buffer }
  | { readonly kind: 'token'; readonly token: Buffer }
  | { readonly kind: 'fail'; readonly answer?: Buffer; readonly authentication: boolean };

type State =
  'versions-or-handshake' | 'handshake' | 'authenticate' | 'raw-token' | 'complete' | 'failed';

const rejected = (answer?: Buffer): SaslStep => ({ kind: 'fail', answer, authentication: true });
const malformed: SaslStep = { kind: 'fail', authentication: false };

/**
 * One SASL connection's authentication, as Kafka's SaslServerAuthenticator
 * runs it: at most one ApiVersions, then SaslHandshake, then the mechanism's
 * tokens in SaslAuthenticate requests (handshake v1) or as bare size-prefixed
 * frames (handshake v0). Anything else before authentication completes closes
 * the connection without an answer.
 */
export class SaslAuthenticator {
  private state: State = 'versions-or-handshake';
  private exchange: SaslExchange | undefined;

  constructor(private readonly mechanisms: SaslMechanisms) {}

  get complete(): boolean {
    return this.state === 'complete';
  }

  get failed(): boolean {
    return this.state === 'failed';
  }

  /** After a v0 handshake the next frames are the mechanism's tokens, not Kafka requests. */
  get expectsRawToken(): boolean {
    return this.state === 'raw-token';
  }

  request(header: RequestHeader, body: ByteReader): SaslStep {
    try {
      const step = this.step(header, body);
      if (step.kind === 'fail') this.state = 'failed';
      return step;
    } catch (error) {
      this.state = 'failed';
      if (error instanceof MalformedRequestError) return malformed;
      throw error;
    }
  }

  rawToken(token: Buffer): SaslStep {
    const exchange = this.exchange;
    if (exchange === undefined) throw new Error('no SASL exchange for a raw token');
    try {
      const response = exchange.evaluate(token);
      if (exchange.complete) this.state = 'complete';
      return { kind: 'token', token: response };
    } catch (error) {
      this.state = 'failed';
      // Without SaslAuthenticate there is no way to say why: Kafka closes the connection.
      if (error instanceof SaslAuthenticationError) return rejected();
      throw error;
    }
  }

  private step(header: RequestHeader, body: ByteReader): SaslStep {
    const { apiKey, apiVersion } = header;
    if (apiKey === ApiKey.ApiVersions && this.state === 'versions-or-handshake') {
      // An answer with UNSUPPORTED_VERSION lets the client try again with a lower version.
      if (apiVersion === FLEXIBLE_API_VERSIONS_VERSION || isSupportedVersion(apiKey, apiVersion))
        this.state = 'handshake';
      return { kind: 'serve' };
    }
    if (
      apiKey === ApiKey.SaslHandshake &&
      (this.state === 'versions-or-handshake' || this.state === 'handshake')
    ) {
      if (!isSupportedVersion(apiKey, apiVersion)) return malformed;
      return this.handshake(apiVersion, decodeSaslHandshakeRequest(body).mechanism);
    }
    if (apiKey === ApiKey.SaslAuthenticate && this.state === 'authenticate') {
      if (!isSupportedVersion(apiKey, apiVersion)) return malformed;
      return this.authenticate(apiVersion, decodeSaslAuthenticateRequest(body).authBytes);
    }
    // Kafka: "Unexpected Kafka request of type … during SASL handshake", and the connection closes.
    return rejected();
  }

  private handshake(version: number, mechanism: string): SaslStep {
    this.exchange = this.mechanisms.start(mechanism);
    if (this.exchange === undefined) {
      return rejected(
        encodeSaslHandshakeResponse(ErrorCode.UNSUPPORTED_SASL_MECHANISM, this.mechanisms.enabled),
      );
    }
    this.state = version >= 1 ? 'authenticate' : 'raw-token';
    return {
      kind: 'answer',
      body: encodeSaslHandshakeResponse(ErrorCode.NONE, this.mechanisms.enabled),
    };
  }

  private authenticate(version: number, token: Buffer): SaslStep {
    const exchange = this.exchange;
    if (exchange === undefined) throw new Error('SaslAuthenticate without an exchange');
    try {
      const response = exchange.evaluate(token);
      if (exchange.complete) this.state = 'complete';
      return {
        kind: 'answer',
        body: encodeSaslAuthenticateResponse(version, {
          errorCode: ErrorCode.NONE,
          errorMessage: null,
          authBytes: response,
        }),
      };
    } catch (error) {
      if (!(error instanceof SaslAuthenticationError)) throw error;
      return rejected(
        encodeSaslAuthenticateResponse(version, {
          errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED,
          errorMessage: error.message,
          authBytes: Buffer.alloc(0),
        }),
      );
    }
  }
}
