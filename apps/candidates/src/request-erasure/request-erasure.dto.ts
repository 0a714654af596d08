import { ERASURE_REASONS, oneOf } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RequestErasureBody = Type.Object(
  { reason: oneOf(ERASURE_REASONS, { description: 'The ground of the erasure' }) },
  { title: 'RequestErasure', additionalProperties: false },
);
export type RequestErasureBody = Static<typeof RequestErasureBody>;
