import { checkReasonText, sha256Digest } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** The candidate's answer names the disclosure they read, by the SHA-256 they were shown. */
export const ConsentAnswerBody = Type.Object(
  {
    disclosureSha256: sha256Digest({
      description: 'The SHA-256 of the disclosure as shown (from the check read for the candidate)',
    }),
  },
  { title: 'ConsentAnswer', additionalProperties: false },
);
export type ConsentAnswerBody = Static<typeof ConsentAnswerBody>;

export const WithdrawConsentBody = Type.Object(
  { reason: Type.Optional(checkReasonText()) },
  { title: 'WithdrawConsent', additionalProperties: false },
);
export type WithdrawConsentBody = Static<typeof WithdrawConsentBody>;
