import { identifier, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const CandidateParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type CandidateParams = Static<typeof CandidateParams>;

export const CheckParams = Type.Object(
  { id: uuid(), checkId: uuid() },
  { additionalProperties: false },
);
export type CheckParams = Static<typeof CheckParams>;

export const CheckItemParams = Type.Object(
  { id: uuid(), checkId: uuid(), itemId: identifier() },
  { additionalProperties: false },
);
export type CheckItemParams = Static<typeof CheckItemParams>;
