import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { NoteCommand } from './domain/note.commands';
import { noteAggregate, type NoteStreamEvent } from './domain/note.decider';
import type { CandidateNotes } from './domain/note.state';

/** The token the notes' command gateway is injected by. */
export const NOTES = Symbol('NOTES');

export type NoteGateway = CommandGateway<CandidateNotes, NoteCommand, NoteStreamEvent>;

export const noteGatewayProvider = provideCommandGateway(NOTES, noteAggregate);
