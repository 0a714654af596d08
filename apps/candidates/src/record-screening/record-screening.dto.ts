import { screeningNotesText } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordScreeningBody = Type.Object(
  {
    passed: Type.Boolean({ description: 'Whether the candidate passed the screening' }),
    notes: Type.Optional(screeningNotesText()),
  },
  { title: 'RecordScreening', additionalProperties: false },
);
export type RecordScreeningBody = Static<typeof RecordScreeningBody>;
