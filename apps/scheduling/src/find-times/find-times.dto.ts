import { actorId, oneOf, utcInstant, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { timeRangeFields } from '../interviewers/time-range.query';

export const FindTimesBody = Type.Object(
  {
    ...timeRangeFields,
    panel: Type.Array(actorId(), {
      minItems: 1,
      maxItems: 12,
      uniqueItems: true,
      examples: [['interviewer-7', 'interviewer-9']],
    }),
    durationMinutes: Type.Integer({ minimum: 15, maximum: 480, examples: [60] }),
    candidateId: Type.Optional(
      uuid({ description: "Also avoid the candidate's own open interviews" }),
    ),
    stepMinutes: Type.Optional(
      oneOf([5, 10, 15, 20, 30, 60], {
        default: 15,
        description: 'Proposals start on these minutes',
      }),
    ),
    maxProposals: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  },
  { title: 'FindTimes', additionalProperties: false },
);
export type FindTimesBody = Static<typeof FindTimesBody>;

export const ProposedTimes = Type.Object(
  {
    proposals: Type.Array(
      Type.Object(
        { startsAt: utcInstant(), endsAt: utcInstant() },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'ProposedTimes', additionalProperties: false },
);
export type ProposedTimes = Static<typeof ProposedTimes>;
