import { eventTypeFilter, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { OwnWrite } from '../command/own-writes';

/** Which events of `$all` feed a projection: these types, or every event of streams with these prefixes. */
export type ProjectionSelection =
  Readonly<{ eventTypes: readonly string[] }> | Readonly<{ streamPrefixes: readonly string[] }>;

/** The server-side filter of a selection. */
export function filterOf(selection: ProjectionSelection): Filter {
  return 'eventTypes' in selection
    ? eventTypeFilter({ regex: `^(${selection.eventTypes.map(escapeRegex).join('|')})$` })
    : streamNameFilter({ prefixes: [...selection.streamPrefixes] });
}

/** Whether a projection with this selection will see (some of) the write. */
export function selects(selection: ProjectionSelection, write: OwnWrite): boolean {
  return 'eventTypes' in selection
    ? write.eventTypes.some((type) => selection.eventTypes.includes(type))
    : selection.streamPrefixes.some((prefix) => write.streamName.startsWith(prefix));
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
