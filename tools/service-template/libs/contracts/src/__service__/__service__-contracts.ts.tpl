import { eventContract, type EventOf } from '../core/event-contract';
import { multiLineText, uuid } from '../core/field-schemas';

const OWNER = '__service__';

/** The text of a note, shared by the event and the API that records it. */
export const __serviceCamel__NoteText = () => multiLineText(2_000, { examples: ['Call back on Monday'] });

export const __serviceCamel__NoteRecordedContract = eventContract({
  type: '__Service__NoteRecorded',
  owner: OWNER,
  description: 'A note about the candidacy was recorded by the __service__ service.',
  schemaVersion: 1,
  data: { candidateId: uuid(), noteId: uuid(), text: __serviceCamel__NoteText() },
});

export const __serviceCamel__EventContracts = [__serviceCamel__NoteRecordedContract] as const;

export type __Service__NoteRecorded = EventOf<typeof __serviceCamel__NoteRecordedContract>;

/** The __service__ events written to a candidate's stream. */
export type __Service__Event = __Service__NoteRecorded;
