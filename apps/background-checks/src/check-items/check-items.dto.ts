import {
  ADJUDICATIONS,
  checkReasonText,
  oneOf,
  ReferenceAnswer,
  REFERENCE_RESULTS,
  singleLineText,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordReferenceBody = Type.Object(
  {
    referenceName: singleLineText(200, { examples: ['Grace Hopper'] }),
    relationship: singleLineText(200, { examples: ['Former manager'] }),
    answers: Type.Array(ReferenceAnswer, { minItems: 1, maxItems: 30 }),
    result: oneOf(REFERENCE_RESULTS),
  },
  { title: 'RecordReferenceCheck', additionalProperties: false },
);
export type RecordReferenceBody = Static<typeof RecordReferenceBody>;

export const CancelItemBody = Type.Object(
  { reason: checkReasonText() },
  { title: 'CancelCheckItem', additionalProperties: false },
);
export type CancelItemBody = Static<typeof CancelItemBody>;

export const AdjudicateItemBody = Type.Object(
  { decision: oneOf(ADJUDICATIONS), reason: checkReasonText() },
  { title: 'AdjudicateCheckItem', additionalProperties: false },
);
export type AdjudicateItemBody = Static<typeof AdjudicateItemBody>;
