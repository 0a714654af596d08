import { encodeFlexibleApiVersionsResponse } from '../src/protocol/apis/api-versions';
import { SUPPORTED_VERSIONS } from '../src/protocol/api-keys';
import { ByteReader, MalformedRequestError } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';

describe('protocol byte codec', () => {
  it('round-trips every primitive, growing past the initial buffer', () => {
    const long = 'x'.repeat(1_000);
    const data = new ByteWriter(4)
      .int8(-5)
      .int16(-300)
      .int32(-70_000)
      .int64(-1)
      .int64(2 ** 45 + 3)
      .unsignedVarint(300)
      .string(long)
      .nullableString(null)
      .bytes(Buffer.from([1, 2, 3]))
      .nullableBytes(null)
      .array([7, 8], (w, n) => w.int32(n))
      .toBuffer();
    const reader = new ByteReader(data);
    expect([reader.int8(), reader.int16(), reader.int32(), reader.int64(), reader.int64()]).toEqual(
      [-5, -300, -70_000, -1, 2 ** 45 + 3],
    );
    expect(reader.unsignedVarint()).toBe(300);
    expect(reader.string()).toBe(long);
    expect(reader.nullableString()).toBeNull();
    expect([...reader.bytes()]).toEqual([1, 2, 3]);
    expect(reader.nullableBytes()).toBeNull();
    expect(reader.array((r) => r.int32())).toEqual([7, 8]);
    expect(reader.remaining).toBe(0);
  });

  it('references large byte fields instead of copying them, in order', () => {
    const records = [Buffer.from('abc'), Buffer.from('defg')];
    const writer = new ByteWriter(2).int32(7).referencedBytes(records).string('x'.repeat(50));
    const pieces = writer.toBuffers();
    expect(pieces).toContain(records[0]);
    const reader = new ByteReader(Buffer.concat(pieces));
    expect(reader.int32()).toBe(7);
    expect(reader.bytes().toString()).toBe('abcdefg');
    expect(reader.string()).toBe('x'.repeat(50));
    expect(writer.toBuffer()).toEqual(Buffer.concat(pieces));
  });

  it('reports truncated or absurd input as a malformed request', () => {
    expect(() => new ByteReader(Buffer.from([0, 5, 65])).string()).toThrow(MalformedRequestError);
    expect(() => new ByteReader(Buffer.from([0x7f, 0, 0, 0])).array((r) => r.int8())).toThrow(
      MalformedRequestError,
    );
    expect(() => new ByteReader(Buffer.alloc(3)).int32()).toThrow(MalformedRequestError);
  });

  it('encodes the flexible ApiVersions v3 answer with compact arrays and tagged fields', () => {
    const reader = new ByteReader(encodeFlexibleApiVersionsResponse());
    expect(reader.int16()).toBe(0);
    const count = reader.unsignedVarint() - 1;
    expect(count).toBe(SUPPORTED_VERSIONS.size);
    const advertised = new Map<number, [number, number]>();
    for (let i = 0; i < count; i++) {
      advertised.set(reader.int16(), [reader.int16(), reader.int16()]);
      expect(reader.unsignedVarint()).toBe(0);
    }
    expect(advertised.get(0)).toEqual([3, 7]);
    expect(advertised.get(1)).toEqual([4, 11]);
    expect(reader.int32()).toBe(0);
    expect(reader.unsignedVarint()).toBe(0);
    expect(reader.remaining).toBe(0);
  });
});
