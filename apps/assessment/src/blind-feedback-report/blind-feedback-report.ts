import {
  evolveInterviewFacts,
  INTERVIEW_FACT_EVENT_TYPES,
  NO_INTERVIEWS,
  sitsOnPanel,
  type ActorRole,
  type CandidateAssessmentEvent,
  type CandidateEvent,
  type InterviewEvent,
  type InterviewFacts,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';

/** Whatever a candidate's stream holds that the report reads. */
export type ReportedEvent = CandidateEvent | InterviewEvent | CandidateAssessmentEvent;

type Author = Readonly<{ interviewId: string; interviewerId: string }>;
/** Where in the stream, and when, something happened. */
type StreamPoint = Readonly<{ revision: string; at: string }>;

/** One reader shown one panelist's feedback. */
export type RevealLine = StreamPoint &
  Readonly<{
    readerId: string;
    readerRole: ActorRole;
    interviewId: string;
    interviewerId: string;
    /**
     * For a reader on the panel of that interview: whether their own feedback
     * on it was submitted before; null for a reader not on that panel.
     */
    readerSubmittedFirst: boolean | null;
  }>;

/** A recommendation given (a submission) or changed (an amendment), and what its author had seen by then. */
export type RecommendationLine = StreamPoint &
  Author &
  Readonly<{
    kind: 'submitted' | 'amended';
    /** Other panelists' feedback on the candidate shown to the author before, each with when. */
    seenBefore: readonly (Author & StreamPoint)[];
  }>;

export type BlindFeedbackReport = Readonly<{
  candidateId: string;
  reveals: readonly RevealLine[];
  recommendations: readonly RecommendationLine[];
  /** Every reveal to a panelist of the interview came after their own submission on it. */
  everyPanelistRevealAfterOwnSubmission: boolean;
  /** No submission's author had seen anyone else's feedback on the candidate. */
  everySubmissionBlind: boolean;
}>;

function isInterviewFact(event: ReportedEvent): event is InterviewEvent {
  return (INTERVIEW_FACT_EVENT_TYPES as ReadonlySet<string>).has(event.type);
}

const key = ({ interviewId, interviewerId }: Author) => `${interviewId} ${interviewerId}`;

/**
 * Who saw whose feedback, and whether each recommendation came before its
 * author saw anyone else's, from the candidate's stream alone, in its order.
 */
export function blindFeedbackReport(
  candidateId: string,
  events: readonly RecordedEvent<ReportedEvent>[],
): BlindFeedbackReport {
  let interviews: InterviewFacts = NO_INTERVIEWS;
  const submitted = new Set<string>();
  const seenBy = new Map<string, (Author & StreamPoint)[]>();
  const reveals: RevealLine[] = [];
  const recommendations: RecommendationLine[] = [];
  for (const { event, metadata, revision } of events) {
    const point = { revision: revision.toString(), at: metadata.occurredAt };
    if (isInterviewFact(event)) {
      interviews = evolveInterviewFacts(interviews, event);
      continue;
    }
    switch (event.type) {
      case 'FeedbackRevealed': {
        const { readerId, readerRole, revealed } = event.data;
        for (const author of revealed) {
          const interview = interviews.get(author.interviewId);
          const onPanel = interview !== undefined && sitsOnPanel(interview, readerId);
          reveals.push({
            ...point,
            readerId,
            readerRole,
            ...author,
            readerSubmittedFirst: onPanel
              ? submitted.has(key({ interviewId: author.interviewId, interviewerId: readerId }))
              : null,
          });
        }
        seenBy.set(readerId, [
          ...(seenBy.get(readerId) ?? []),
          ...revealed.map((author) => ({ ...author, ...point })),
        ]);
        break;
      }
      case 'FeedbackSubmitted':
      case 'FeedbackAmended': {
        const { interviewId, interviewerId } = event.data;
        if (event.type === 'FeedbackSubmitted') submitted.add(key(event.data));
        recommendations.push({
          ...point,
          interviewId,
          interviewerId,
          kind: event.type === 'FeedbackSubmitted' ? 'submitted' : 'amended',
          seenBefore: seenBy.get(interviewerId) ?? [],
        });
        break;
      }
      default:
        break;
    }
  }
  return {
    candidateId,
    reveals,
    recommendations,
    everyPanelistRevealAfterOwnSubmission: reveals.every(
      (reveal) => reveal.readerSubmittedFirst !== false,
    ),
    everySubmissionBlind: recommendations.every(
      (line) => line.kind !== 'submitted' || line.seenBefore.length === 0,
    ),
  };
}
