import type {
  BackgroundChecksEvent,
  CandidateAssessmentEvent,
  CandidateEvent,
  EventMetadata,
  InterviewEvent,
  OffersEvent,
} from '@hirestream/contracts';

/** Every service's events on a candidate's stream: what the notifications read. */
export type HiringEvent =
  CandidateEvent | InterviewEvent | CandidateAssessmentEvent | BackgroundChecksEvent | OffersEvent;

/** A hiring event as read back from the candidate stream, with its metadata. */
export type HiringRecord = Readonly<{ event: HiringEvent; metadata: EventMetadata }>;
