import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const ErasureRequestParams = Type.Object(
  { id: uuid(), requestId: uuid() },
  { additionalProperties: false },
);
export type ErasureRequestParams = Static<typeof ErasureRequestParams>;
