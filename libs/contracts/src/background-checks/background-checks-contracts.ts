import { eventContract, type EventOf } from '../core/event-contract';
import { multiLineText, uuid } from '../core/field-schemas';

const OWNER = 'background-checks';

/** The text of a note, shared by the event and the API that records it. */
export const backgroundChecksNoteText = () =>
  multiLineText(2_000, { examples: ['Call back on Monday'] });

export const backgroundChecksNoteRecordedContract = eventContract({
  type: 'BackgroundChecksNoteRecorded',
  owner: OWNER,
  description: 'A note about the candidacy was recorded by the background-checks service.',
  schemaVersion: 1,
  data: { candidateId: uuid(), noteId: uuid(), text: backgroundChecksNoteText() },
});

export const backgroundChecksEventContracts = [backgroundChecksNoteRecordedContract] as const;

export type BackgroundChecksNoteRecorded = EventOf<typeof backgroundChecksNoteRecordedContract>;

/** The background-checks events written to a candidate's stream. */
export type BackgroundChecksEvent = BackgroundChecksNoteRecorded;
