import { actorId, ACTOR_ROLES, oneOf, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const HistoryEntry = Type.Object(
  {
    eventId: uuid(),
    type: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object(
      { id: actorId(), role: oneOf(ACTOR_ROLES) },
      { additionalProperties: false },
    ),
    revision: Type.String({ pattern: '^\\d+$' }),
    correlationId: Type.String(),
    causationId: Type.String(),
    schemaVersion: Type.Integer({ minimum: 1 }),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description: "As the event type's contract says (see the AsyncAPI document)",
    }),
  },
  { title: 'CandidateHistoryEntry', additionalProperties: false },
);

/** Every event of a candidate's stream, every service's, oldest first. */
export const CandidateHistoryView = Type.Object(
  { candidateId: uuid(), events: Type.Array(HistoryEntry) },
  { title: 'CandidateHistory', additionalProperties: false },
);
export type CandidateHistoryView = Static<typeof CandidateHistoryView>;
