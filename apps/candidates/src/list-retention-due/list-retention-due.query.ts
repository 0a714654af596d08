import { nullable, oneOf, RetentionPolicyVersion, utcInstant, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { RETENTION_LOOKS } from '../retention/retention.schedule';

export const ListRetentionDueQuery = Type.Object(
  {
    until: Type.Optional(utcInstant({ description: 'Looks due by this instant; all when absent' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListRetentionDueQuery = Static<typeof ListRetentionDueQuery>;

const RetentionDueItem = Type.Object(
  {
    candidateId: uuid(),
    dueAt: utcInstant({
      description:
        'When the look is due: the erasure, unless consent or a change of policy defers it',
    }),
    closedAt: utcInstant({ description: 'When the candidacy was rejected or withdrawn' }),
    look: oneOf(RETENTION_LOOKS),
    policy: nullable({
      ...RetentionPolicyVersion,
      description: "The policy that scheduled it; null before the first look finds the job's",
    }),
  },
  { title: 'RetentionDueItem', additionalProperties: false },
);

/** The retention looks to come, soonest first. */
export const RetentionDueView = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(RetentionDueItem),
  },
  { title: 'RetentionDue', additionalProperties: false },
);
export type RetentionDueView = Static<typeof RetentionDueView>;
