import {
  actorId,
  ACTOR_ROLES,
  oneOf,
  personalDataErasedContract,
  utcInstant,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const ListErasuresQuery = Type.Object(
  {
    from: Type.Optional(utcInstant({ description: 'Erasures at or after this instant' })),
    to: Type.Optional(utcInstant({ description: 'Erasures before this instant' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListErasuresQuery = Static<typeof ListErasuresQuery>;

const { candidateId, personId, basis, requestId, reason, requestedBy, policy, keyIds, erasedAt } =
  personalDataErasedContract.schema.properties;

const ErasureListItem = Type.Object(
  {
    candidateId,
    personId,
    basis,
    requestId,
    reason,
    requestedBy,
    policy,
    keyIds,
    erasedAt,
    erasedBy: Type.Object(
      { id: actorId(), role: oneOf(ACTOR_ROLES) },
      {
        additionalProperties: false,
        description: 'Who carried it out: the approving admin, or the service for retention',
      },
    ),
    recordedAt: Type.String({ format: 'date-time', description: 'When it was recorded' }),
  },
  { title: 'ErasureListItem', additionalProperties: false },
);

/** What was erased, when, on what basis and by whom: no personal value. */
export const ErasureListView = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(ErasureListItem),
  },
  { title: 'ErasureList', additionalProperties: false },
);
export type ErasureListView = Static<typeof ErasureListView>;
