import type {
  BackgroundChecksEvent,
  CandidateEvent,
  CandidateStage,
  FeedbackEvent,
  InterviewEvent,
  OffersEvent,
  PanelDecisionEvent,
  Recommendation,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { CANDIDATE_STAGES } from '@hirestream/contracts';

/** The facts of a candidacy the process measures count, from every service that records them. */
export type HiringEvent =
  | CandidateEvent
  | InterviewEvent
  | FeedbackEvent
  | PanelDecisionEvent
  | OffersEvent
  | BackgroundChecksEvent;

const HIRING_EVENT_TYPES = [
  'CandidateRegistered',
  'CandidateStageChanged',
  'CandidateRejected',
  'CandidateWithdrew',
  'CandidateHired',
  'InterviewScheduled',
  'InterviewDayScheduled',
  'InterviewRescheduled',
  'InterviewDayRescheduled',
  'InterviewCancelled',
  'NoShowRecorded',
  'InterviewCompleted',
  'FeedbackRequested',
  'FeedbackRequestWithdrawn',
  'FeedbackSubmitted',
  'FeedbackAmended',
  'PanelDecisionRecorded',
  'OfferExtended',
  'OfferAccepted',
  'OfferDeclined',
  'BackgroundCheckInitiated',
  'PreAdverseActionNoticeSent',
  'FinalAdverseActionTaken',
] as const satisfies readonly HiringEvent['type'][];
export { HIRING_EVENT_TYPES };

/** What a fact counts; with `subject` (what it is about) and `key` it is counted once. */
export type Measure = 'stage-reached' | 'interview' | 'feedback' | 'offer' | 'check';

/** A countable fact: the first time `subject` had `key`, at the event's time. */
export type FactRow = Readonly<{
  measure: Measure;
  subject: string;
  key: string;
  candidateId: string;
  at: string;
}>;

/** Where a candidacy applied, from its registration: every fact of it is filtered by these. */
export type CandidacyRow = Readonly<{
  candidateId: string;
  jobId: string;
  source: string;
  registeredAt: string;
}>;

/** A candidacy left `stage` at `at` (its stay's start is the stage's `stage-reached` fact). */
export type StageLeft = Readonly<{ candidateId: string; stage: CandidateStage; at: string }>;

export type FeedbackChange = Readonly<{
  change: 'requested' | 'submitted' | 'withdrawn';
  candidateId: string;
  interviewId: string;
  interviewerId: string;
  at: string;
  /** For a request: when the feedback is due, and the interview round. */
  dueAt: string | null;
  round: number | null;
}>;

/**
 * A version of a panelist's scorecard (the submission, then each amendment):
 * the recommendation and the sum and number of the criteria rated, no words.
 */
export type ScorecardVersion = Readonly<{
  eventId: string;
  interviewId: string;
  interviewerId: string;
  at: string;
  revision: bigint;
  recommendation: Recommendation;
  ratingSum: number;
  ratingsGiven: number;
}>;

/** A panel's decision on a candidacy's interview round (advance, hold or reject), no rationale. */
export type PanelDecisionRow = Readonly<{
  eventId: string;
  candidateId: string;
  round: number;
  decision: PanelDecisionEvent['data']['decision'];
  at: string;
  revision: bigint;
}>;

/** The rows a batch of events adds; each kind is written in this order, so later ones see earlier. */
export type HiringFactChanges = {
  candidacies: CandidacyRow[];
  facts: FactRow[];
  feedback: FeedbackChange[];
  stagesLeft: StageLeft[];
  hires: { candidateId: string; at: string }[];
  scorecards: ScorecardVersion[];
  panelDecisions: PanelDecisionRow[];
};

/**
 * The stages a candidacy enters, in process order. `background-check` is
 * optional (interviewing may move straight to offer), so a funnel step never
 * runs through it.
 */
export const FUNNEL_STAGES = CANDIDATE_STAGES.slice(0, CANDIDATE_STAGES.indexOf('hired') + 1);

/**
 * The rows of a batch of events: pure, so a rebuild writes the same rows.
 * Nothing personal is taken: ids, vocabularies (stages, parties, decline
 * categories, recommendations, decisions), ratings and the events' times
 * only; never a scorecard's or a decision's words.
 */
export function hiringFactChanges(
  events: readonly RecordedEvent<HiringEvent>[],
): HiringFactChanges {
  const changes: HiringFactChanges = {
    candidacies: [],
    facts: [],
    feedback: [],
    stagesLeft: [],
    hires: [],
    scorecards: [],
    panelDecisions: [],
  };
  for (const { event, metadata, revision } of events) {
    const at = metadata.occurredAt;
    const { candidateId } = event.data;
    const fact = (measure: Measure, subject: string, key: string) =>
      changes.facts.push({ measure, subject, key, candidateId, at });
    const left = (stage: CandidateStage) => changes.stagesLeft.push({ candidateId, stage, at });
    const feedback = (
      change: FeedbackChange['change'],
      data: Readonly<{ interviewId: string; interviewerId: string }>,
      request: Readonly<{ dueAt: string; round: number }> | null = null,
    ) =>
      changes.feedback.push({
        change,
        candidateId,
        interviewId: data.interviewId,
        interviewerId: data.interviewerId,
        at,
        dueAt: request?.dueAt ?? null,
        round: request?.round ?? null,
      });
    const scorecard = (
      data: Readonly<{
        interviewId: string;
        interviewerId: string;
        recommendation: Recommendation;
        ratings: readonly Readonly<{ rating: number | null }>[];
      }>,
    ) => {
      const rated = data.ratings.flatMap(({ rating }) => (rating === null ? [] : [rating]));
      changes.scorecards.push({
        eventId: metadata.eventId,
        interviewId: data.interviewId,
        interviewerId: data.interviewerId,
        at,
        revision,
        recommendation: data.recommendation,
        ratingSum: rated.reduce((sum, rating) => sum + rating, 0),
        ratingsGiven: rated.length,
      });
    };
    switch (event.type) {
      case 'CandidateRegistered':
        changes.candidacies.push({
          candidateId,
          jobId: event.data.jobId,
          source: event.data.source,
          registeredAt: at,
        });
        fact('stage-reached', candidateId, 'applied');
        break;
      case 'CandidateStageChanged':
        left(event.data.from);
        fact('stage-reached', candidateId, event.data.to);
        break;
      case 'CandidateRejected':
        left(event.data.stageAtRejection);
        break;
      case 'CandidateWithdrew':
        left(event.data.stageAtWithdrawal);
        break;
      case 'CandidateHired':
        left(event.data.stageAtHire);
        fact('stage-reached', candidateId, 'hired');
        changes.hires.push({ candidateId, at });
        break;
      case 'InterviewScheduled':
        fact('interview', event.data.interviewId, 'scheduled');
        break;
      case 'InterviewDayScheduled':
        for (const session of event.data.sessions)
          fact('interview', session.interviewId, 'scheduled');
        break;
      case 'InterviewRescheduled':
        fact('interview', event.data.interviewId, 'rescheduled');
        break;
      case 'InterviewDayRescheduled':
        for (const session of event.data.sessions) {
          fact('interview', session.interviewId, 'rescheduled');
        }
        break;
      case 'InterviewCancelled':
        fact('interview', event.data.interviewId, 'cancelled');
        break;
      case 'NoShowRecorded':
        fact('interview', event.data.interviewId, `no-show:${event.data.party}`);
        break;
      case 'InterviewCompleted':
        fact('interview', event.data.interviewId, 'completed');
        break;
      case 'FeedbackRequested':
        feedback('requested', event.data, event.data);
        break;
      case 'FeedbackRequestWithdrawn':
        feedback('withdrawn', event.data);
        break;
      case 'FeedbackSubmitted':
        feedback('submitted', event.data);
        fact('feedback', `${event.data.interviewId}:${event.data.interviewerId}`, 'submitted');
        scorecard(event.data);
        break;
      case 'FeedbackAmended':
        scorecard(event.data);
        break;
      case 'PanelDecisionRecorded':
        changes.panelDecisions.push({
          eventId: metadata.eventId,
          candidateId,
          round: event.data.round,
          decision: event.data.decision,
          at,
          revision,
        });
        break;
      case 'OfferExtended':
        fact('offer', event.data.offerId, 'extended');
        break;
      case 'OfferAccepted':
        fact('offer', event.data.offerId, 'accepted');
        break;
      case 'OfferDeclined':
        fact('offer', event.data.offerId, 'declined');
        fact('offer', event.data.offerId, `declined:${event.data.category}`);
        break;
      case 'BackgroundCheckInitiated':
        fact('check', event.data.checkId, 'initiated');
        break;
      case 'PreAdverseActionNoticeSent':
        fact('check', event.data.checkId, 'pre-adverse-action');
        break;
      case 'FinalAdverseActionTaken':
        fact('check', event.data.checkId, 'adverse-action');
        break;
      default:
        break;
    }
  }
  return changes;
}
