import { setMaxListeners } from 'node:events';
import { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { BrokerContext, ResponseBody } from '../handlers/broker-context';
import { REQUEST_HANDLERS } from '../handlers/request-router';
import { ApiKey, isSupportedVersion } from '../protocol/api-keys';
import {
  encodeApiVersionsResponse,
  encodeFlexibleApiVersionsResponse,
  FLEXIBLE_API_VERSIONS_VERSION,
} from '../protocol/apis/api-versions';
import { BrokerEndpoint } from '../protocol/apis/metadata';
import { ByteReader, MalformedRequestError } from '../protocol/byte-reader';
import { ErrorCode } from '../protocol/error-codes';
import { readRequestHeader, RequestHeader } from '../protocol/request-header';
import { SaslAuthenticator, SaslStep } from '../sasl/sasl-authenticator';
import { SaslMechanisms } from '../sasl/sasl-mechanisms';
import { FrameRead, RequestFrameReader } from './request-frame-reader';

/**
 * Requests read from one connection and not yet answered. Beyond it the rest
 * waits in the socket, so a client pipelining long polls cannot make the
 * broker hold an unbounded number of them.
 */
const MAX_IN_FLIGHT_REQUESTS = 100;

/**
 * Largest request before authentication (Kafka's `sasl.server.max.receive.size`),
 * so that an unauthenticated client cannot make the broker buffer 100 MiB.
 */
const SASL_MAX_RECEIVE_BYTES = 512 * 1024;

/** Kafka's `connection.failed.authentication.delay.ms`: a failed authentication is answered this late. */
const FAILED_AUTHENTICATION_DELAY_MS = 100;

/** The listener a connection came in on: its advertised address and, for SASL_PLAINTEXT, its mechanisms. */
export interface ConnectionListener {
  readonly endpoint: BrokerEndpoint;
  readonly sasl?: SaslMechanisms;
}

/** An answer, or the failure that closes the connection once it is this request's turn. */
type Outcome = { readonly response: ResponseBody | undefined } | { readonly failure: unknown };

/**
 * One client connection: splits the byte stream into size-prefixed requests,
 * starts handling each as it arrives (so produce batches from one connection
 * share a group commit) and writes the answers strictly in request order.
 * Anything wrong with a request closes this connection only, and so do
 * `connectionsMaxIdleMs` without a byte received or an answer given while no
 * request is in flight. Reading stops while the client leaves answers unread
 * or has too many requests in flight, so memory stays bounded by what it sends.
 */
export class BrokerConnection {
  private frames: RequestFrameReader;
  private readonly listener: ConnectionListener;
  /** Present on a SASL listener until the connection has authenticated. */
  private sasl: SaslAuthenticator | undefined;
  private readonly closing = new AbortController();
  private readonly idleTimer: NodeJS.Timeout;
  private responses: Promise<void> = Promise.resolve();
  private inFlight = 0;
  /** The rest of a socket read, kept while reading is paused. */
  private unread: Buffer | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerContext,
    listener?: ConnectionListener,
  ) {
    this.listener = listener ?? { endpoint: broker.endpoint };
    this.sasl =
      this.listener.sasl === undefined ? undefined : new SaslAuthenticator(this.listener.sasl);
    this.frames = new RequestFrameReader(
      this.sasl === undefined
        ? broker.options.maxRequestBytes
        : Math.min(SASL_MAX_RECEIVE_BYTES, broker.options.maxRequestBytes),
    );
    // Each long poll in flight listens for the close.
    setMaxListeners(MAX_IN_FLIGHT_REQUESTS, this.closing.signal);
    // Restarted by every read and every answered request; a request in flight is not idleness.
    this.idleTimer = setTimeout(() => {
      if (this.inFlight === 0) this.close();
    }, broker.options.connectionsMaxIdleMs);
    this.idleTimer.unref();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.idleTimer.refresh();
      this.receive(chunk);
    });
    socket.on('drain', () => this.resumeReading());
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.closing.abort();
    this.socket.destroy();
  }

  private get closed(): boolean {
    return this.closing.signal.aborted;
  }

  private get mayRead(): boolean {
    return this.inFlight < MAX_IN_FLIGHT_REQUESTS && !this.socket.writableNeedDrain;
  }

  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.closed) {
      if (!this.mayRead) {
        this.unread = chunk.subarray(at);
        this.socket.pause();
        return;
      }
      let read: FrameRead;
      try {
        read = this.frames.read(chunk, at);
      } catch {
        this.close();
        return;
      }
      at = read.next;
      if (read.frame !== undefined) this.dispatch(read.frame);
    }
  }

  /** Called when answers drain or complete: goes on reading once the limits allow. */
  private resumeReading(): void {
    if (this.unread === undefined || this.closed || !this.mayRead) return;
    const unread = this.unread;
    this.unread = undefined;
    this.receive(unread);
    if (this.unread === undefined) this.socket.resume();
  }

  private dispatch(frame: Buffer): void {
    const sasl = this.sasl;
    if (sasl?.failed) return;
    if (sasl?.expectsRawToken) {
      this.authenticationStep(undefined, sasl.rawToken(frame));
      return;
    }
    const body = new ByteReader(frame);
    let header: RequestHeader;
    try {
      header = readRequestHeader(body);
    } catch {
      this.close();
      return;
    }
    if (sasl !== undefined) {
      const step = sasl.request(header, body);
      if (step.kind !== 'serve') {
        this.authenticationStep(header, step);
        return;
      }
    }
    this.inFlight += 1;
    // Settled at once, so that a failure behind a long poll is not an unhandled rejection.
    const outcome: Promise<Outcome> = this.answer(header, body).then(
      (response) => ({ response }),
      (failure: unknown) => ({ failure }),
    );
    this.responses = this.responses.then(async () => {
      const settled = await outcome;
      this.inFlight -= 1;
      if ('failure' in settled) {
        this.fail(header, settled.failure);
        return;
      }
      if (settled.response !== undefined) this.send(header, settled.response);
      this.idleTimer.refresh();
      this.resumeReading();
    });
  }

  /**
   * Writes an authentication answer in its turn. Called between frames, so once
   * authenticated the next frame is read with the listener's full size limit.
   */
  private authenticationStep(header: RequestHeader | undefined, step: SaslStep): void {
    if (this.sasl?.complete) {
      this.sasl = undefined;
      this.frames = new RequestFrameReader(this.broker.options.maxRequestBytes);
    }
    this.responses = this.responses.then(async () => {
      if (step.kind === 'fail') {
        if (step.authentication) await delay(FAILED_AUTHENTICATION_DELAY_MS);
        if (step.answer !== undefined && header !== undefined) this.send(header, step.answer);
        this.closeAfterWriting();
        return;
      }
      if (step.kind === 'answer' && header !== undefined) this.send(header, step.body);
      if (step.kind === 'token') this.sendToken(step.token);
      this.idleTimer.refresh();
    });
  }

  /** Ends the connection once what was written has gone out (an answer, then the close). */
  private closeAfterWriting(): void {
    if (this.closed) return;
    clearTimeout(this.idleTimer);
    this.closing.abort();
    this.socket.end();
    // A client that does not read cannot keep the socket open.
    setTimeout(() => this.socket.destroy(), 5_000).unref();
  }

  /** A SASL token after a v0 handshake: only its size before it, no response header. */
  private sendToken(token: Buffer): void {
    if (this.closed) return;
    const prefix = Buffer.allocUnsafe(4);
    prefix.writeInt32BE(token.length, 0);
    this.socket.write(Buffer.concat([prefix, token]));
  }

  private fail(header: RequestHeader, failure: unknown): void {
    if (!(failure instanceof MalformedRequestError)) {
      this.broker.options.logError(
        `embedded-kafka: api ${header.apiKey} v${header.apiVersion} failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`,
      );
    }
    this.close();
  }

  private async answer(header: RequestHeader, body: ByteReader): Promise<ResponseBody | undefined> {
    if (header.apiKey === ApiKey.ApiVersions) {
      if (header.apiVersion === FLEXIBLE_API_VERSIONS_VERSION)
        return encodeFlexibleApiVersionsResponse();
      const supported = isSupportedVersion(header.apiKey, header.apiVersion);
      return encodeApiVersionsResponse(
        supported ? header.apiVersion : 0,
        supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION,
      );
    }
    const handler = REQUEST_HANDLERS.get(header.apiKey);
    if (handler === undefined || !isSupportedVersion(header.apiKey, header.apiVersion)) {
      throw new MalformedRequestError(`unsupported api ${header.apiKey} v${header.apiVersion}`);
    }
    return handler(this.broker, body, {
      header,
      clientHost: this.socket.remoteAddress ?? '',
      listener: this.listener.endpoint,
      connectionClosed: this.closing.signal,
    });
  }

  /** Response header v0 (correlation id) before the body, behind the size prefix. */
  private send(header: RequestHeader, body: ResponseBody): void {
    if (this.closed) return;
    const pieces = Buffer.isBuffer(body) ? [body] : body;
    const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
    const prefix = Buffer.allocUnsafe(8);
    prefix.writeInt32BE(size + 4, 0);
    prefix.writeInt32BE(header.correlationId, 4);
    this.socket.cork();
    this.socket.write(prefix);
    for (const piece of pieces) this.socket.write(piece);
    this.socket.uncork();
  }
}
