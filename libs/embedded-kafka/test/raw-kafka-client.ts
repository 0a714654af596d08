import { connect, Socket } from 'node:net';
import { ByteWriter } from '../src/protocol/byte-writer';

/** The 4-byte size that precedes every request, here any size, including wrong ones. */
export function sizePrefix(size: number): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return prefix;
}

/** Bytes of the header `requestFrame` writes: api key, version, correlation id, client id "raw-test". */
export const REQUEST_HEADER_BYTES = 18;

/** A request frame: size prefix, request header v1, then the body bytes. */
export function requestFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  body: Buffer = Buffer.alloc(0),
): Buffer {
  const message = new ByteWriter()
    .int16(apiKey)
    .int16(apiVersion)
    .int32(correlationId)
    .string('raw-test')
    .toBuffer();
  return Buffer.concat([sizePrefix(message.length + body.length), message, body]);
}

/** Fetch v4 for no partitions: a long poll the broker answers once `maxWaitMs` has passed. */
export function longPollFrame(correlationId: number, maxWaitMs: number): Buffer {
  const body = new ByteWriter()
    .int32(-1)
    .int32(maxWaitMs)
    .int32(1)
    .int32(1024 * 1024)
    .int8(0)
    .array([], () => undefined)
    .toBuffer();
  return requestFrame(1, 4, correlationId, body);
}

/** A bare TCP connection to the broker, for requests no well-behaved client would send. */
export class RawKafkaClient {
  private received = Buffer.alloc(0);
  private waiting?: () => void;
  private closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawKafkaClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => resolve(new RawKafkaClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Whether the connection has closed (by the broker, unless `close` was called). */
  get isClosed(): boolean {
    return this.closed;
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response (correlation id and body), or 'closed' when the broker closed the connection. */
  async response(): Promise<{ correlationId: number; body: Buffer } | 'closed'> {
    const frame = await this.frame();
    if (frame === 'closed') return 'closed';
    return { correlationId: frame.readInt32BE(0), body: frame.subarray(4) };
  }

  /** The next size-prefixed frame as it is (e.g. a bare SASL token), or 'closed'. */
  async frame(): Promise<Buffer | 'closed'> {
    for (;;) {
      if (this.received.length >= 4 && this.received.length >= 4 + this.received.readInt32BE(0)) {
        const size = this.received.readInt32BE(0);
        const frame = this.received.subarray(4, 4 + size);
        this.received = this.received.subarray(4 + size);
        return frame;
      }
      if (this.closed) return 'closed';
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
