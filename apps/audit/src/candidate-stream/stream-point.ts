import { AggregateNotFoundError } from '@hirestream/contracts';
import type { StoredEvent } from './candidate-streams';

/** A point of a stream's history: a revision, or an instant. */
export type StreamPoint = Readonly<{ revision: bigint }> | Readonly<{ at: string }>;

/** `12` names a revision, anything else (checked as a UTC instant by the route) an instant. */
export function streamPointOf(text: string): StreamPoint {
  return /^\d+$/.test(text) ? { revision: BigInt(text) } : { at: text };
}

/**
 * The revision a point names in the stream: a revision as given (past the
 * stream's end: 404), an instant as the last revision whose event had
 * happened by then (`occurredAt` ≤ the instant; none had: 404). The events are
 * the whole stream, in order.
 */
export function revisionAt(
  events: readonly Pick<StoredEvent, 'revision' | 'occurredAt'>[],
  point: StreamPoint,
): bigint {
  const last = events.at(-1)!.revision;
  if ('revision' in point) {
    if (point.revision > last) {
      throw new AggregateNotFoundError(
        `the history ends at revision ${last}: it has no revision ${point.revision}`,
      );
    }
    return point.revision;
  }
  const instant = Date.parse(point.at);
  let found: bigint | undefined;
  for (const event of events) {
    if (Date.parse(event.occurredAt) <= instant) found = event.revision;
  }
  if (found === undefined) {
    throw new AggregateNotFoundError(
      `nothing had happened by ${point.at}: the history starts later`,
    );
  }
  return found;
}
