import { eventContract, type EventOf } from '../core/event-contract';
import { multiLineText, uuid } from '../core/field-schemas';

const OWNER = 'offers';

/** The text of a note, shared by the event and the API that records it. */
export const offersNoteText = () => multiLineText(2_000, { examples: ['Call back on Monday'] });

export const offersNoteRecordedContract = eventContract({
  type: 'OffersNoteRecorded',
  owner: OWNER,
  description: 'A note about the candidacy was recorded by the offers service.',
  schemaVersion: 1,
  data: { candidateId: uuid(), noteId: uuid(), text: offersNoteText() },
});

export const offersEventContracts = [offersNoteRecordedContract] as const;

export type OffersNoteRecorded = EventOf<typeof offersNoteRecordedContract>;

/** The offers events written to a candidate's stream. */
export type OffersEvent = OffersNoteRecorded;
