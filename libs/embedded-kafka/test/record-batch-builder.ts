import { crc32c } from '../src/crc32c';

export interface TestRecord {
  readonly key?: string;
  readonly value: string;
}

export interface TestBatchOptions {
  readonly baseOffset?: number;
  readonly timestamp?: number;
  readonly producerId?: number;
  readonly producerEpoch?: number;
  readonly baseSequence?: number;
  /** Sets the transactional attribute, as a transactional producer does. */
  readonly transactional?: boolean;
}

function zigzagVarint(value: number): Buffer {
  let rest = value >= 0 ? value * 2 : -value * 2 - 1;
  const bytes: number[] = [];
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function encodeRecord(record: TestRecord, offsetDelta: number): Buffer {
  const key = record.key === undefined ? null : Buffer.from(record.key);
  const value = Buffer.from(record.value);
  const body = Buffer.concat([
    Buffer.from([0]),
    zigzagVarint(0),
    zigzagVarint(offsetDelta),
    zigzagVarint(key === null ? -1 : key.length),
    key ?? Buffer.alloc(0),
    zigzagVarint(value.length),
    value,
    zigzagVarint(0),
  ]);
  return Buffer.concat([zigzagVarint(body.length), body]);
}

/** An uncompressed RecordBatch v2 with a correct CRC-32C, built independently of the broker's code paths. */
export function buildRecordBatch(
  records: readonly TestRecord[],
  options: TestBatchOptions = {},
): Buffer {
  const timestamp = options.timestamp ?? Date.now();
  const body = Buffer.concat(records.map((record, i) => encodeRecord(record, i)));
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(BigInt(options.baseOffset ?? 0), 0);
  header.writeInt32BE(49 + body.length, 8);
  header.writeInt32BE(0, 12);
  header.writeInt8(2, 16);
  header.writeInt16BE(options.transactional ? 0x10 : 0, 21);
  header.writeInt32BE(records.length - 1, 23);
  header.writeBigInt64BE(BigInt(timestamp), 27);
  header.writeBigInt64BE(BigInt(timestamp), 35);
  header.writeBigInt64BE(BigInt(options.producerId ?? -1), 43);
  header.writeInt16BE(options.producerEpoch ?? -1, 51);
  header.writeInt32BE(options.baseSequence ?? -1, 53);
  header.writeInt32BE(records.length, 57);
  const batch = Buffer.concat([header, body]);
  batch.writeUInt32BE(crc32c(batch, 21), 17);
  return batch;
}
