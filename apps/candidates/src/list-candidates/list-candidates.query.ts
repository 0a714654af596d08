import { CANDIDATE_STAGES, identifier, oneOf, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const ListCandidatesQuery = Type.Object(
  {
    jobId: Type.Optional(identifier()),
    stage: Type.Optional(oneOf(CANDIDATE_STAGES)),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListCandidatesQuery = Static<typeof ListCandidatesQuery>;

const CandidateListItem = Type.Object(
  {
    id: uuid(),
    fullName: Type.String(),
    jobId: Type.String(),
    stage: oneOf(CANDIDATE_STAGES),
    registeredAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'CandidateListItem', additionalProperties: false },
);

export const CandidateListView = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(CandidateListItem),
  },
  { title: 'CandidateList', additionalProperties: false },
);
export type CandidateListView = Static<typeof CandidateListView>;
