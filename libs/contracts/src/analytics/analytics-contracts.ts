import { eventContract, type EventOf } from '../core/event-contract';
import { multiLineText, uuid } from '../core/field-schemas';

const OWNER = 'analytics';

/** The text of a note, shared by the event and the API that records it. */
export const analyticsNoteText = () => multiLineText(2_000, { examples: ['Call back on Monday'] });

export const analyticsNoteRecordedContract = eventContract({
  type: 'AnalyticsNoteRecorded',
  owner: OWNER,
  description: 'A note about the candidacy was recorded by the analytics service.',
  schemaVersion: 1,
  data: { candidateId: uuid(), noteId: uuid(), text: analyticsNoteText() },
});

export const analyticsEventContracts = [analyticsNoteRecordedContract] as const;

export type AnalyticsNoteRecorded = EventOf<typeof analyticsNoteRecordedContract>;

/** The analytics events written to a candidate's stream. */
export type AnalyticsEvent = AnalyticsNoteRecorded;
