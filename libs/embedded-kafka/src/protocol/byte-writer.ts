const TWO_TO_32 = 0x1_0000_0000;

/** Growable big-endian writer for response bodies. */
export class ByteWriter {
  private buffer: Buffer;
  private position = 0;
  private readonly spliced: Buffer[] = [];
  private cut = 0;

  constructor(initialSize = 256) {
    this.buffer = Buffer.allocUnsafe(initialSize);
  }

  private reserve(size: number): number {
    if (this.position + size > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + size));
      this.buffer.copy(grown, 0, 0, this.position);
      this.buffer = grown;
    }
    const at = this.position;
    this.position += size;
    return at;
  }

  int8(value: number): this {
    const at = this.reserve(1);
    this.buffer.writeInt8(value, at);
    return this;
  }

  boolean(value: boolean): this {
    return this.int8(value ? 1 : 0);
  }

  int16(value: number): this {
    const at = this.reserve(2);
    this.buffer.writeInt16BE(value, at);
    return this;
  }

  int32(value: number): this {
    const at = this.reserve(4);
    this.buffer.writeInt32BE(value, at);
    return this;
  }

  int64(value: number): this {
    const at = this.reserve(8);
    this.buffer.writeInt32BE(Math.floor(value / TWO_TO_32), at);
    this.buffer.writeUInt32BE(value >>> 0, at + 4);
    return this;
  }

  unsignedVarint(value: number): this {
    let rest = value;
    while (rest >= 0x80) {
      const at = this.reserve(1);
      this.buffer.writeUInt8((rest & 0x7f) | 0x80, at);
      rest = Math.floor(rest / 128);
    }
    const at = this.reserve(1);
    this.buffer.writeUInt8(rest, at);
    return this;
  }

  nullableString(value: string | null): this {
    if (value === null) return this.int16(-1);
    const length = Buffer.byteLength(value);
    this.int16(length);
    const at = this.reserve(length);
    this.buffer.write(value, at, 'utf8');
    return this;
  }

  string(value: string): this {
    return this.nullableString(value);
  }

  nullableBytes(value: Uint8Array | null): this {
    if (value === null) return this.int32(-1);
    this.int32(value.length);
    const at = this.reserve(value.length);
    this.buffer.set(value, at);
    return this;
  }

  bytes(value: Uint8Array): this {
    return this.nullableBytes(value);
  }

  /**
   * Several buffers as one length-prefixed `bytes` field, referenced rather
   * than copied: large record data goes to the socket as it was read.
   */
  referencedBytes(parts: readonly Buffer[]): this {
    this.int32(parts.reduce((sum, part) => sum + part.length, 0));
    this.spliced.push(this.buffer.subarray(this.cut, this.position), ...parts);
    this.cut = this.position;
    return this;
  }

  array<T>(items: readonly T[], writeItem: (writer: ByteWriter, item: T) => void): this {
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  int32Array(items: readonly number[]): this {
    return this.array(items, (writer, item) => writer.int32(item));
  }

  /** The encoded bytes as consecutive pieces, referenced buffers included. */
  toBuffers(): Buffer[] {
    return [...this.spliced, this.buffer.subarray(this.cut, this.position)];
  }

  toBuffer(): Buffer {
    if (this.spliced.length > 0) return Buffer.concat(this.toBuffers());
    return this.buffer.subarray(0, this.position);
  }
}
