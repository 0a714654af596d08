import { withdrawalReasonText } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const WithdrawCandidateBody = Type.Object(
  { reason: Type.Optional(withdrawalReasonText()) },
  { title: 'WithdrawCandidate', additionalProperties: false },
);
export type WithdrawCandidateBody = Static<typeof WithdrawCandidateBody>;
