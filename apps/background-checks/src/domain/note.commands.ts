import type { BackgroundChecksNoteRecorded, Command } from '@hirestream/contracts';

export type RecordNote = Command<'RecordNote', BackgroundChecksNoteRecorded['data']>;

export type NoteCommand = RecordNote;
