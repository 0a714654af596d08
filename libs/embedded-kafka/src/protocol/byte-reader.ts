/** Thrown when a request is shorter than its own fields say; the connection answers by closing. */
export class MalformedRequestError extends Error {}

const TWO_TO_32 = 0x1_0000_0000;

/** Sequential big-endian reader over one request body, as the Kafka protocol encodes it. */
export class ByteReader {
  private position = 0;

  constructor(private readonly buffer: Buffer) {}

  get offset(): number {
    return this.position;
  }

  get remaining(): number {
    return this.buffer.length - this.position;
  }

  private take(size: number): number {
    if (size < 0 || this.position + size > this.buffer.length) {
      throw new MalformedRequestError(`request truncated at byte ${this.position}`);
    }
    const at = this.position;
    this.position += size;
    return at;
  }

  int8(): number {
    return this.buffer.readInt8(this.take(1));
  }

  boolean(): boolean {
    return this.int8() !== 0;
  }

  int16(): number {
    return this.buffer.readInt16BE(this.take(2));
  }

  int32(): number {
    return this.buffer.readInt32BE(this.take(4));
  }

  /** 64-bit integers as numbers: offsets, timestamps and producer ids stay below 2^53. */
  int64(): number {
    const at = this.take(8);
    return this.buffer.readInt32BE(at) * TWO_TO_32 + this.buffer.readUInt32BE(at + 4);
  }

  unsignedVarint(): number {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = this.buffer.readUInt8(this.take(1));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
      shift += 7;
      if (shift > 28) throw new MalformedRequestError('varint too long');
    }
  }

  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    const at = this.take(length);
    return this.buffer.toString('utf8', at, at + length);
  }

  string(): string {
    const value = this.nullableString();
    if (value === null) throw new MalformedRequestError('null where a string is required');
    return value;
  }

  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    const at = this.take(length);
    return this.buffer.subarray(at, at + length);
  }

  bytes(): Buffer {
    return this.nullableBytes() ?? Buffer.alloc(0);
  }

  nullableArray<T>(readItem: (reader: ByteReader) => T): T[] | null {
    const length = this.int32();
    if (length < 0) return null;
    if (length > this.remaining)
      throw new MalformedRequestError(`array length ${length} too large`);
    const items: T[] = [];
    for (let i = 0; i < length; i++) items.push(readItem(this));
    return items;
  }

  array<T>(readItem: (reader: ByteReader) => T): T[] {
    return this.nullableArray(readItem) ?? [];
  }
}
