import { utcInstant, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { decimal, TimelineEntry, timelineEntryOf } from '../timeline/timeline.view';
import type { CandidateAtPoint } from './candidate-states';

const revisionText = () =>
  Type.String({ pattern: '^(0|[1-9][0-9]{0,17})$', description: 'A revision of the stream' });

export const CandidateStateQuery = Type.Object(
  {
    at: Type.Optional(
      utcInstant({
        description: 'The state as it was then: after the last event that had happened',
      }),
    ),
    revision: Type.Optional(revisionText()),
  },
  { additionalProperties: false },
);
export type CandidateStateQuery = Static<typeof CandidateStateQuery>;

/** A point as a query names it: a revision or a UTC instant. */
export const pointText = () =>
  Type.Union([revisionText(), utcInstant()], { description: 'A revision, or a UTC instant' });

/** One service's fold of the stream at the point. */
export const ServiceStateView = Type.Object(
  {
    aggregates: Type.Record(Type.String(), Type.Unknown(), {
      description: "Each of the service's aggregates folding the stream: its decider state as JSON",
    }),
    schemaVersions: Type.Array(Type.Unknown()),
    upcasted: Type.Array(Type.Unknown()),
  },
  { title: 'AuditServiceState', additionalProperties: false },
);
export type ServiceStateView = Static<typeof ServiceStateView>;

export const CandidateStateView = Type.Object(
  {
    candidateId: uuid(),
    streamName: Type.String(),
    revision: decimal(),
    /** The instant asked for, if one was. */
    at: Type.Union([Type.String(), Type.Null()]),
    /** When the event at `revision` happened. */
    occurredAt: Type.String({ format: 'date-time' }),
    events: Type.Array(TimelineEntry, { description: 'Every event up to and including the point' }),
    services: Type.Record(Type.String(), ServiceStateView, {
      description: "Every service's own state of the candidacy at the point, by service",
    }),
  },
  { title: 'AuditCandidateState', additionalProperties: false },
);
export type CandidateStateView = Static<typeof CandidateStateView>;

export function servicesView(point: CandidateAtPoint): Record<string, ServiceStateView> {
  return Object.fromEntries(
    Object.entries(point.services).map(([service, { aggregates, schemaVersions, upcasted }]) => [
      service,
      { aggregates, schemaVersions: [...schemaVersions], upcasted: [...upcasted] },
    ]),
  );
}

export function candidateStateView(
  candidateId: string,
  point: CandidateAtPoint,
  at: string | undefined,
): CandidateStateView {
  return {
    candidateId,
    streamName: point.streamName,
    revision: point.revision.toString(),
    at: at ?? null,
    occurredAt: point.events.at(-1)!.occurredAt,
    events: point.events.map(timelineEntryOf),
    services: servicesView(point),
  };
}
