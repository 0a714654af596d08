import { __serviceCamel__NoteText, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordNoteBody = Type.Object(
  { text: __serviceCamel__NoteText() },
  { title: 'Record__Service__Note', additionalProperties: false },
);
export type RecordNoteBody = Static<typeof RecordNoteBody>;

export const NoteView = Type.Object(
  {
    candidateId: uuid(),
    noteId: uuid(),
    text: __serviceCamel__NoteText(),
    revision: Type.String({ pattern: '^\\d+$' }),
  },
  { title: '__Service__Note', additionalProperties: false },
);
export type NoteView = Static<typeof NoteView>;
