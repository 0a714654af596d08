/** The `$$stream` metadata fields the server honours on reads, plus the raw object to carry other keys over. */
export interface StreamMetadata {
  readonly maxCount: number | undefined;
  readonly maxAgeSeconds: number | undefined;
  readonly truncateBefore: number | undefined;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** `$tb` written by a soft delete: EventStoreDB's "deleted stream" event number, Int64.MaxValue. */
export const DELETED_STREAM_TRUNCATE_BEFORE = '9223372036854775807';
// JSON.parse rounds Int64.MaxValue up to 2^63; anything that large can only be the deleted marker.
const DELETED_MARKER_THRESHOLD = 2 ** 62;

export function metastreamOf(streamName: string): string {
  return `$$${streamName}`;
}

/** The stream a `$$` metadata stream describes, or undefined for any other stream. */
export function streamOfMetastream(streamName: string): string | undefined {
  return streamName.startsWith('$$') ? streamName.slice(2) : undefined;
}

/** Parses a `$metadata` event body; malformed metadata is ignored, as a real server ignores it. */
export function parseStreamMetadata(data: Buffer): StreamMetadata | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const raw = parsed as Record<string, unknown>;
  return {
    maxCount: nonNegativeInteger(raw.$maxCount),
    maxAgeSeconds: nonNegativeInteger(raw.$maxAge),
    truncateBefore: nonNegativeInteger(raw.$tb),
    raw,
  };
}

export function isSoftDeleted(metadata: StreamMetadata | undefined): boolean {
  return (
    metadata?.truncateBefore !== undefined && metadata.truncateBefore >= DELETED_MARKER_THRESHOLD
  );
}

/** A metadata body equal to `raw` with `$tb` replaced; written by hand so Int64.MaxValue keeps its digits. */
export function metadataWithTruncateBefore(
  raw: Readonly<Record<string, unknown>>,
  truncateBefore: string,
): Buffer {
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => key !== '$tb'));
  const body = JSON.stringify(rest);
  const separator = body === '{}' ? '' : ',';
  return Buffer.from(`{"$tb":${truncateBefore}${separator}${body.slice(1)}`, 'utf8');
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
