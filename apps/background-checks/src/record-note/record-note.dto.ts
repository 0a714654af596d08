import { backgroundChecksNoteText, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordNoteBody = Type.Object(
  { text: backgroundChecksNoteText() },
  { title: 'RecordBackgroundChecksNote', additionalProperties: false },
);
export type RecordNoteBody = Static<typeof RecordNoteBody>;

export const NoteView = Type.Object(
  {
    candidateId: uuid(),
    noteId: uuid(),
    text: backgroundChecksNoteText(),
    revision: Type.String({ pattern: '^\\d+$' }),
  },
  { title: 'BackgroundChecksNote', additionalProperties: false },
);
export type NoteView = Static<typeof NoteView>;
