import { eventTypeFilter, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { OwnWrite } from '../command/own-writes';

/**
 * Which events of `$all` feed a projection: these types, every event of streams
 * with these prefixes, or every event of every stream but those with these
 * prefixes (and system streams, `$…`, always).
 */
export type ProjectionSelection =
  | Readonly<{ eventTypes: readonly string[] }>
  | Readonly<{ streamPrefixes: readonly string[] }>
  | Readonly<{ streamsExceptPrefixes: readonly string[] }>;

/**
 * The streams the platform keeps for its own bookkeeping, not facts of the
 * domain: subscription checkpoints, Idempotency-Key records, snapshots.
 */
export const BOOKKEEPING_STREAM_PREFIXES: readonly string[] = [
  'checkpoint-',
  'idempotency-',
  'snapshot-',
];

/** The server-side filter of a selection. */
export function filterOf(selection: ProjectionSelection): Filter {
  if ('eventTypes' in selection) {
    return eventTypeFilter({ regex: `^(${selection.eventTypes.map(escapeRegex).join('|')})$` });
  }
  if ('streamPrefixes' in selection) {
    return streamNameFilter({ prefixes: [...selection.streamPrefixes] });
  }
  const excluded = ['$', ...selection.streamsExceptPrefixes].map(escapeRegex).join('|');
  return streamNameFilter({ regex: `^(?!(${excluded}))` });
}

/** Whether a projection with this selection will see (some of) the write. */
export function selects(selection: ProjectionSelection, write: OwnWrite): boolean {
  if ('eventTypes' in selection) {
    return write.eventTypes.some((type) => selection.eventTypes.includes(type));
  }
  if ('streamPrefixes' in selection) {
    return selection.streamPrefixes.some((prefix) => write.streamName.startsWith(prefix));
  }
  return !['$', ...selection.streamsExceptPrefixes].some((prefix) =>
    write.streamName.startsWith(prefix),
  );
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
