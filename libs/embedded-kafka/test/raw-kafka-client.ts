import { connect, Socket } from 'node:net';
import { ByteWriter } from '../src/protocol/byte-writer';

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
  const size = Buffer.alloc(4);
  size.writeInt32BE(message.length + body.length);
  return Buffer.concat([size, message, body]);
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

  static connect(port: number): Promise<RawKafkaClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () =>
        resolve(new RawKafkaClient(socket)),
      );
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response (correlation id and body), or 'closed' when the broker closed the connection. */
  async response(): Promise<{ correlationId: number; body: Buffer } | 'closed'> {
    for (;;) {
      if (this.received.length >= 4 && this.received.length >= 4 + this.received.readInt32BE(0)) {
        const size = this.received.readInt32BE(0);
        const frame = this.received.subarray(4, 4 + size);
        this.received = this.received.subarray(4 + size);
        return { correlationId: frame.readInt32BE(0), body: frame.subarray(4) };
      }
      if (this.closed) return 'closed';
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
