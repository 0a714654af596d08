import { offersNoteText, uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordNoteBody = Type.Object(
  { text: offersNoteText() },
  { title: 'RecordOffersNote', additionalProperties: false },
);
export type RecordNoteBody = Static<typeof RecordNoteBody>;

export const NoteView = Type.Object(
  {
    candidateId: uuid(),
    noteId: uuid(),
    text: offersNoteText(),
    revision: Type.String({ pattern: '^\\d+$' }),
  },
  { title: 'OffersNote', additionalProperties: false },
);
export type NoteView = Static<typeof NoteView>;
