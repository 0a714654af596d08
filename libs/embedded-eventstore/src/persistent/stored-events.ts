import type { RawRecord } from '../storage/record-format';

/** The fields of a stored record that persistent subscriptions read, decoded. */
export function recordStream(record: RawRecord): string {
  return record.buffer.toString('utf8', record.fields.streamStart, record.fields.typeStart);
}

export function recordType(record: RawRecord): string {
  return record.buffer.toString('utf8', record.fields.typeStart, record.fields.contentTypeStart);
}

export function recordRevision(record: RawRecord): bigint {
  return record.buffer.readBigInt64LE(record.fields.revision);
}

export function recordData(record: RawRecord): Buffer {
  return record.buffer.subarray(record.fields.dataStart, record.fields.customMetadataStart);
}

export function recordCustomMetadata(record: RawRecord): Buffer {
  return record.buffer.subarray(record.fields.customMetadataStart, record.fields.end);
}

/** The record's event id in its 36-character text form. */
export function recordIdText(record: RawRecord): string {
  const hex = record.buffer.toString('hex', record.fields.id, record.fields.id + 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `$correlationId` from a JSON metadata body, as PinnedByCorrelation routes by it. */
export function correlationIdOf(customMetadata: Buffer): string | undefined {
  if (customMetadata.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(customMetadata.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const value: unknown = Reflect.get(parsed, '$correlationId');
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
