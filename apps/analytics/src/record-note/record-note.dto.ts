import { analyticsNoteText, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordNoteBody = Type.Object(
  { text: analyticsNoteText() },
  { title: 'RecordAnalyticsNote', additionalProperties: false },
);
export type RecordNoteBody = Static<typeof RecordNoteBody>;

export const NoteView = Type.Object(
  {
    candidateId: uuid(),
    noteId: uuid(),
    text: analyticsNoteText(),
    revision: Type.String({ pattern: '^\\d+$' }),
  },
  { title: 'AnalyticsNote', additionalProperties: false },
);
export type NoteView = Static<typeof NoteView>;
