import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const CandidateParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type CandidateParams = Static<typeof CandidateParams>;

export const OfferParams = Type.Object(
  { id: uuid(), offerId: uuid() },
  { additionalProperties: false },
);
export type OfferParams = Static<typeof OfferParams>;
