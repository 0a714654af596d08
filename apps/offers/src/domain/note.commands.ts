import type { OffersNoteRecorded, Command } from '@hirestream/contracts';

export type RecordNote = Command<'RecordNote', OffersNoteRecorded['data']>;

export type NoteCommand = RecordNote;
