import type { __Service__NoteRecorded, Command } from '@hirestream/contracts';

export type RecordNote = Command<'RecordNote', __Service__NoteRecorded['data']>;

export type NoteCommand = RecordNote;
