import { rubricContentFields } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** A rubric version's content; the first publication and every later one send the whole of it. */
export const RubricBody = Type.Object(rubricContentFields, {
  title: 'RubricContent',
  additionalProperties: false,
});
export type RubricBody = Static<typeof RubricBody>;
