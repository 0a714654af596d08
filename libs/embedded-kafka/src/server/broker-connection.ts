import { Socket } from 'node:net';
import { BrokerContext, ResponseBody } from '../handlers/broker-context';
import { REQUEST_HANDLERS } from '../handlers/request-router';
import { ApiKey, isSupportedVersion } from '../protocol/api-keys';
import {
  encodeApiVersionsResponse,
  encodeFlexibleApiVersionsResponse,
  FLEXIBLE_API_VERSIONS_VERSION,
} from '../protocol/apis/api-versions';
import { ByteReader, MalformedRequestError } from '../protocol/byte-reader';
import { ErrorCode } from '../protocol/error-codes';
import { readRequestHeader, RequestHeader } from '../protocol/request-header';

const SIZE_PREFIX = 4;

/**
 * One client connection: splits the byte stream into size-prefixed requests,
 * starts handling each as it arrives (so produce batches from one connection
 * share a group commit) and writes the answers strictly in request order.
 * Anything wrong with a request closes this connection only.
 */
export class BrokerConnection {
  private readonly sizePrefix = Buffer.alloc(SIZE_PREFIX);
  private sizePrefixFilled = 0;
  private frame: Buffer | undefined;
  private frameFilled = 0;
  private responses: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly broker: BrokerContext,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => {
      this.closed = true;
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  /**
   * Copies the stream into one buffer per request, sized by its prefix. The
   * request then owns its memory alone, so the record batches in it can be
   * kept (see RecentBatches) without pinning unrelated socket reads.
   */
  private receive(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.closed) {
      if (this.frame === undefined) {
        const taken = chunk.copy(this.sizePrefix, this.sizePrefixFilled, at);
        this.sizePrefixFilled += taken;
        at += taken;
        if (this.sizePrefixFilled < SIZE_PREFIX) return;
        this.sizePrefixFilled = 0;
        const size = this.sizePrefix.readInt32BE(0);
        if (size < 0 || size > this.broker.options.maxRequestBytes) {
          this.close();
          return;
        }
        this.frame = Buffer.allocUnsafeSlow(size);
        this.frameFilled = 0;
      }
      const taken = chunk.copy(this.frame, this.frameFilled, at);
      this.frameFilled += taken;
      at += taken;
      if (this.frameFilled === this.frame.length) {
        const frame = this.frame;
        this.frame = undefined;
        this.dispatch(frame);
      }
    }
  }

  private dispatch(frame: Buffer): void {
    const body = new ByteReader(frame);
    let header: RequestHeader;
    try {
      header = readRequestHeader(body);
    } catch {
      this.close();
      return;
    }
    const answer = this.answer(header, body);
    this.responses = this.responses.then(async () => {
      try {
        const response = await answer;
        if (response !== undefined) this.send(header, response);
      } catch (error) {
        if (!(error instanceof MalformedRequestError)) {
          this.broker.options.logError(
            `embedded-kafka: api ${header.apiKey} v${header.apiVersion} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
        }
        this.close();
      }
    });
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
    return handler(this.broker, body, { header, clientHost: this.socket.remoteAddress ?? '' });
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
