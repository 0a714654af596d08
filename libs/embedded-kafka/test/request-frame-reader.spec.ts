import { MalformedRequestError } from '../src/protocol/byte-reader';
import { RequestFrameReader } from '../src/server/request-frame-reader';

const MiB = 1024 * 1024;

function sized(body: Buffer): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(body.length);
  return Buffer.concat([prefix, body]);
}

/** Feeds `chunks` in order and returns the complete requests. */
function readAll(reader: RequestFrameReader, chunks: readonly Buffer[]): Buffer[] {
  const frames: Buffer[] = [];
  for (const chunk of chunks) {
    let at = 0;
    while (at < chunk.length) {
      const read = reader.read(chunk, at);
      if (read.frame !== undefined) frames.push(read.frame);
      at = read.next;
    }
  }
  return frames;
}

describe('splitting a connection into requests', () => {
  const bodies = [Buffer.from('first'), Buffer.alloc(300_000, 7), Buffer.from('third')];
  const stream = Buffer.concat(bodies.map(sized));

  it('finds the same requests however the bytes are split', () => {
    const same = (frames: Buffer[]): boolean =>
      frames.length === bodies.length && frames.every((frame, i) => frame.equals(bodies[i]));
    expect(same(readAll(new RequestFrameReader(MiB), [stream]))).toBe(true);
    const pieces: Buffer[] = [];
    for (let at = 0, size = 1; at < stream.length; at += size, size = (size * 3) % 70_001)
      pieces.push(stream.subarray(at, at + size));
    expect(same(readAll(new RequestFrameReader(MiB), pieces))).toBe(true);
    const bytes = Array.from(stream, (byte) => Buffer.from([byte]));
    expect(same(readAll(new RequestFrameReader(MiB), bytes))).toBe(true);
  });

  it('gives each request a buffer of its own, exactly its size, so that keeping part of it keeps nothing else', () => {
    const pieces = Array.from({ length: Math.ceil(stream.length / 65_536) }, (_, i) =>
      stream.subarray(i * 65_536, (i + 1) * 65_536),
    );
    for (const frame of readAll(new RequestFrameReader(MiB), pieces)) {
      expect(frame.byteOffset).toBe(0);
      expect(frame.buffer.byteLength).toBe(frame.length);
    }
  });

  it('refuses a size over the limit or negative', () => {
    const reader = new RequestFrameReader(1_000);
    expect(readAll(reader, [sized(Buffer.alloc(1_000))])).toHaveLength(1);
    expect(() => readAll(reader, [sized(Buffer.alloc(1_001))])).toThrow(MalformedRequestError);
    expect(() =>
      readAll(new RequestFrameReader(1_000), [Buffer.from([0xff, 0xff, 0xff, 0xff])]),
    ).toThrow(MalformedRequestError);
  });

  it('holds memory for the bytes received, not for the size announced', () => {
    const readers = Array.from({ length: 20 }, () => new RequestFrameReader(100 * MiB));
    const before = process.memoryUsage().arrayBuffers;
    const announced = Buffer.alloc(4);
    announced.writeInt32BE(100 * MiB);
    for (const reader of readers) {
      expect(readAll(reader, [announced, Buffer.alloc(10)])).toEqual([]);
    }
    // 20 requests announcing 100 MiB each would be 2,000 MiB if allocated up front.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(MiB);
  });
});
