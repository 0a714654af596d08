import { ACTOR_ROLES, oneOf, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import type { StoredEvent } from '../candidate-stream/candidate-streams';
import { reasonsOf } from './reasons';

export const decimal = () => Type.String({ pattern: '^\\d+$' });

/** Who did what, when, in which role and why: one event of the history. */
export const TimelineEntry = Type.Object(
  {
    revision: decimal(),
    eventId: Type.String(),
    type: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object(
      {
        id: Type.String({ description: 'As stored; unknown when the event names none' }),
        role: oneOf(ACTOR_ROLES),
      },
      { additionalProperties: false },
    ),
    reasons: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'The fields of the data that say why (reason, category, rationale, note, message…), by dotted path',
    }),
    correlationId: Type.String(),
    causationId: Type.String(),
    schemaVersion: Type.Integer({ minimum: 0, description: 'As stored (0: none recorded)' }),
  },
  { title: 'AuditTimelineEntry', additionalProperties: false },
);
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelineView = Type.Object(
  { candidateId: uuid(), streamName: Type.String(), events: Type.Array(TimelineEntry) },
  { title: 'AuditTimeline', additionalProperties: false },
);
export type TimelineView = Static<typeof TimelineView>;

export function timelineEntryOf(event: StoredEvent): TimelineEntry {
  return {
    revision: event.revision.toString(),
    eventId: event.id,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: event.actor,
    reasons: reasonsOf(event.data),
    correlationId: event.correlationId,
    causationId: event.causationId,
    schemaVersion: event.schemaVersion,
  };
}
