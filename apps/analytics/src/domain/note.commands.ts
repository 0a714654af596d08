import type { AnalyticsNoteRecorded, Command } from '@hirestream/contracts';

export type RecordNote = Command<'RecordNote', AnalyticsNoteRecorded['data']>;

export type NoteCommand = RecordNote;
