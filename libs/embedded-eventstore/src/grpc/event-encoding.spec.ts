import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { encodeRecord, rawRecordFields, type StoredRecord } from '../storage/record-format';
import { encodedEventResponse, type UuidFormat } from './event-encoding';

const record: StoredRecord = {
  streamName: 'orders-ü',
  revision: 7n,
  createdTicks: 17_000_000_000_001_234n,
  id: Buffer.from('f0112233445566778899aabbccddeeff', 'hex'),
  type: 'OrderPlaced',
  contentType: 'application/json',
  data: Buffer.from(JSON.stringify({ text: 'x'.repeat(300) })),
  customMetadata: Buffer.from('{"a":1}'),
  tombstone: false,
};

function decode(stored: StoredRecord, position: number, format: UuidFormat): ReadResp.ReadEvent {
  const buffer = encodeRecord(stored, true);
  const bytes = encodedEventResponse(
    { buffer, position, fields: rawRecordFields(buffer, 0) },
    format,
  ).serializeBinary();
  const event = ReadResp.deserializeBinary(bytes).getEvent();
  if (event === undefined) throw new Error('no event in response');
  return event;
}

describe('event encoding', () => {
  it('produces the ReadResp the generated classes decode, with a string id', () => {
    const readEvent = decode(record, 123_456_789_012, 'string');
    const recorded = readEvent.getEvent();
    expect(readEvent.getCommitPosition()).toBe('123456789012');
    expect(recorded?.getId()?.getString()).toBe('f0112233-4455-6677-8899-aabbccddeeff');
    expect(
      Buffer.from(recorded?.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString(),
    ).toBe('orders-ü');
    expect(recorded?.getStreamRevision()).toBe('7');
    expect(recorded?.getPreparePosition()).toBe('123456789012');
    expect(recorded?.getCommitPosition()).toBe('123456789012');
    expect(Object.fromEntries(recorded?.getMetadataMap().toArray() ?? [])).toEqual({
      type: 'OrderPlaced',
      'content-type': 'application/json',
      created: '17000000000001234',
    });
    expect(Buffer.from(recorded?.getData_asU8() ?? []).equals(record.data)).toBe(true);
    expect(Buffer.from(recorded?.getCustomMetadata_asU8() ?? []).toString()).toBe('{"a":1}');
  });

  it('writes structured ids as signed 64-bit halves', () => {
    const structured = decode(record, 10, 'structured').getEvent()?.getId()?.getStructured();
    expect(BigInt.asUintN(64, BigInt(structured?.getMostSignificantBits() ?? '0'))).toBe(
      0xf011223344556677n,
    );
    expect(BigInt.asUintN(64, BigInt(structured?.getLeastSignificantBits() ?? '0'))).toBe(
      0x8899aabbccddeeffn,
    );
  });

  it('encodes zero values, empty bodies and the tombstone revision', () => {
    const first = decode(
      { ...record, revision: 0n, data: Buffer.alloc(0), customMetadata: Buffer.alloc(0) },
      0,
      'string',
    );
    expect(first.getCommitPosition()).toBe('0');
    expect(first.getEvent()?.getStreamRevision()).toBe('0');
    expect(first.getEvent()?.getData_asU8()).toHaveLength(0);
    const tombstone = decode({ ...record, revision: 0x7fffffffffffffffn }, 5, 'string');
    expect(tombstone.getEvent()?.getStreamRevision()).toBe('9223372036854775807');
  });
});
