import { crc32 } from 'node:zlib';
import {
  createdTicksOf,
  decodeRecord,
  encodeCommit,
  encodeRecord,
  FLAG_END_OF_COMMIT,
  MAX_COMMIT_BYTES,
  probeRecord,
  rawRecordFields,
  type StoredRecord,
} from './record-format';

const record: StoredRecord = {
  streamName: 'order-ü-1',
  revision: 42n,
  createdTicks: 17_000_000_000_000_000n,
  id: Buffer.from('00112233445566778899aabbccddeeff', 'hex'),
  type: 'OrderPlaced',
  contentType: 'application/json',
  data: Buffer.from('{"total":12}'),
  customMetadata: Buffer.from('{"by":"me"}'),
  tombstone: false,
};

describe('record format', () => {
  it('round-trips every field', () => {
    const bytes = encodeRecord(record, true);
    expect(decodeRecord(bytes, 0)).toEqual(record);
  });

  it('marks the last record of a commit and tombstones', () => {
    const last = probeRecord(encodeRecord(record, true), 0);
    const middle = probeRecord(encodeRecord(record, false), 0);
    expect(last).toEqual({
      kind: 'complete',
      length: expect.any(Number),
      flags: FLAG_END_OF_COMMIT,
    });
    expect(middle).toMatchObject({ kind: 'complete', flags: 0 });
    expect(decodeRecord(encodeRecord({ ...record, tombstone: true }, true), 0).tombstone).toBe(
      true,
    );
  });

  it('reports a truncated record as torn', () => {
    const bytes = encodeRecord(record, true);
    expect(probeRecord(bytes.subarray(0, bytes.length - 1), 0)).toEqual({ kind: 'torn' });
    expect(probeRecord(bytes.subarray(0, 5), 0)).toEqual({ kind: 'torn' });
  });

  it('reports a record whose checksum does not match as torn', () => {
    const bytes = encodeRecord(record, true);
    bytes[bytes.length - 3] ^= 0xff;
    expect(probeRecord(bytes, 0)).toEqual({ kind: 'torn' });
  });

  it('checksums the payload with CRC-32', () => {
    const bytes = encodeRecord(record, true);
    expect(bytes.readUInt32LE(4)).toBe(crc32(bytes.subarray(8)));
  });

  it('locates raw fields at the offsets decoding uses, also inside a larger buffer', () => {
    const bytes = Buffer.concat([Buffer.alloc(7), encodeRecord(record, true)]);
    const fields = rawRecordFields(bytes, 7);
    expect(bytes.toString('utf8', fields.streamStart, fields.typeStart)).toBe(record.streamName);
    expect(bytes.toString('utf8', fields.typeStart, fields.contentTypeStart)).toBe(record.type);
    expect(bytes.subarray(fields.dataStart, fields.customMetadataStart)).toEqual(record.data);
    expect(bytes.subarray(fields.customMetadataStart, fields.end)).toEqual(record.customMetadata);
    expect(fields.end).toBe(bytes.length);
    expect(createdTicksOf({ buffer: bytes, position: 0, fields })).toBe(record.createdTicks);
  });

  it('encodes a commit back to back, flagging only its last record', () => {
    const second = { ...record, streamName: 's', revision: 43n, data: Buffer.from('[]') };
    const { bytes, offsets } = encodeCommit([record, second]);
    expect(offsets).toEqual([0, encodeRecord(record, false).length]);
    expect(bytes.subarray(0, offsets[1])).toEqual(encodeRecord(record, false));
    expect(bytes.subarray(offsets[1])).toEqual(encodeRecord(second, true));
    expect(decodeRecord(bytes, offsets[1])).toEqual(second);
    expect(() => encodeCommit([record, { ...record, type: 'x'.repeat(0x10000) }])).toThrow(
      RangeError,
    );
  });

  it('refuses a commit that a log segment could not hold, whatever the event bodies weigh', () => {
    const longContentType = 'x'.repeat(60_000);
    const events = Array.from({ length: Math.ceil(MAX_COMMIT_BYTES / 60_000) + 1 }, () => ({
      ...record,
      contentType: longContentType,
      data: Buffer.alloc(0),
      customMetadata: Buffer.alloc(0),
    }));
    expect(() => encodeCommit(events)).toThrow(/at most 67108864 bytes in the log/);
  });
});
