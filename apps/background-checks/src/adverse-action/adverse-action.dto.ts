import {
  checkReasonText,
  disputeText,
  DISPUTE_RESOLUTIONS,
  oneOf,
  singleLineText,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const SendNoticeBody = Type.Object(
  {
    reportCopyReference: singleLineText(500, {
      description: "Where the candidate's copy of the report is (sent with the notice)",
    }),
  },
  { title: 'SendPreAdverseActionNotice', additionalProperties: false },
);
export type SendNoticeBody = Static<typeof SendNoticeBody>;

export const DisputeBody = Type.Object(
  { text: disputeText() },
  { title: 'DisputeAdverseAction', additionalProperties: false },
);
export type DisputeBody = Static<typeof DisputeBody>;

export const ResolveDisputeBody = Type.Object(
  { resolution: oneOf(DISPUTE_RESOLUTIONS), reason: checkReasonText() },
  { title: 'ResolveAdverseActionDispute', additionalProperties: false },
);
export type ResolveDisputeBody = Static<typeof ResolveDisputeBody>;

export const FinalAdverseActionBody = Type.Object(
  { reason: checkReasonText() },
  { title: 'TakeFinalAdverseAction', additionalProperties: false },
);
export type FinalAdverseActionBody = Static<typeof FinalAdverseActionBody>;
