import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RubricParams = Type.Object({ rubricId: uuid() }, { additionalProperties: false });
export type RubricParams = Static<typeof RubricParams>;

export const RubricVersionParams = Type.Object(
  { rubricId: uuid(), version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
);
export type RubricVersionParams = Static<typeof RubricVersionParams>;
