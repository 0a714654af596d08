import { ERASURE_REASONS, oneOf } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const ErasePersonalDataBody = Type.Object(
  { reason: oneOf(ERASURE_REASONS, { description: 'The ground of the erasure' }) },
  { title: 'ErasePersonalData', additionalProperties: false },
);
export type ErasePersonalDataBody = Static<typeof ErasePersonalDataBody>;
