import { ERASURE_REFUSAL_GROUNDS, oneOf } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RefuseErasureRequestBody = Type.Object(
  {
    ground: oneOf(ERASURE_REFUSAL_GROUNDS, { description: 'The exception to the right relied on' }),
  },
  { title: 'RefuseErasureRequest', additionalProperties: false },
);
export type RefuseErasureRequestBody = Static<typeof RefuseErasureRequestBody>;
