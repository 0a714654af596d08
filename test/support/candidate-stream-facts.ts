import {
  candidateStreamName,
  type CandidateHired,
  type CandidateRegistered,
  type CandidateRejected,
  type CandidateStage,
  type CandidateStageChanged,
  type CandidateWithdrew,
  type Event,
  type EventMetadata,
  type FeedbackAmended,
  type FeedbackDraftSaved,
  type FeedbackRequested,
  type FeedbackSubmitted,
  type InterviewCancelled,
  type InterviewCompleted,
  type InterviewScheduled,
  type PanelDecisionRecorded,
  type PersonalDataErased,
  type PersonalDataErasureApproved,
  type PersonalDataErasureRefused,
  type PersonalDataErasureRequested,
  type PersonalDataRetentionConsented,
  type PersonalDataRetentionScheduled,
  type StampedRubric,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { hoursAfter } from './instants';

/*
 * The facts of one candidate's stream as its writers record them (the
 * candidates service's registration and stage moves, scheduling's interviews,
 * assessment's feedback and panel decisions), as plain values: the givens of
 * decider specs, what integration fixtures append where a test needs no other
 * service, a benchmark's seeded history; and as read back (`recordedEvent`)
 * for the folds of read models and reports. Pure (no I/O, no servers; keep its
 * imports so), so unit specs import it as
 * `@hirestream/testing/candidate-stream-facts` without loading the embedded
 * servers the `@hirestream/testing` index brings.
 *
 * A builder takes what rules turn on as arguments and anything else as a
 * `change` over valid defaults: a round-1 technical video interview on
 * 2030-03-04 from 09:00 to 10:00 UTC led by the panel's first member, feedback
 * due a day after it ends, no rubric, a "yes".
 */

const STARTS_AT = '2030-03-04T09:00:00Z';
/** The erasure request of the personal-data facts, and the retention policy they apply. */
const ERASURE_REQUEST_ID = '00000000-0000-4000-8000-0000000000e1';
const RETENTION_POLICY = { id: 'uk-applicants', version: 1, jurisdiction: 'uk' };
/** Feedback is due this long after the interview ends. */
const FEEDBACK_DUE_HOURS = 24;

type Scorecard = Pick<
  FeedbackSubmitted['data'],
  'ratings' | 'strengths' | 'concerns' | 'notes' | 'recommendation'
>;

const SCORECARD: Scorecard = {
  ratings: [],
  strengths: 'Clear reasoning',
  concerns: 'Little testing',
  notes: null,
  recommendation: 'yes',
};

/** One panelist's submitted feedback: the default scorecard but for what is given. */
export type GivenFeedback = Readonly<{ interviewerId: string } & Partial<Scorecard>>;

/** An interview that took place, for `completedInterview`. */
export type InterviewRound = Readonly<{
  interviewId: string;
  /** The first leads, the others ask questions; each is asked for feedback. */
  panel: readonly string[];
  round?: number;
  /** When it began; it lasts an hour. */
  startsAt?: string;
  /** What its feedback is asked and given against. */
  rubric?: StampedRubric | null;
  /** The feedback submitted, in this order. */
  feedback?: readonly GivenFeedback[];
}>;

/** The facts of the candidate's stream, each builder a new event. */
export function candidateStreamFacts(candidateId: string) {
  const facts = {
    registered: (change: Partial<CandidateRegistered['data']> = {}): CandidateRegistered => ({
      type: 'CandidateRegistered',
      data: {
        candidateId,
        personId: '00000000-0000-4000-8000-00000000000a',
        fullName: 'Ada Lovelace',
        email: 'ada@example.org',
        phone: null,
        jobId: 'job-1',
        source: 'referral',
        resumeRef: null,
        ...change,
      },
    }),
    moved: (from: CandidateStage, to: CandidateStage): CandidateStageChanged => ({
      type: 'CandidateStageChanged',
      data: { candidateId, from, to },
    }),
    /** Registered and in interviewing: the stage other services' folds read, in one move. */
    interviewing: (): [CandidateRegistered, CandidateStageChanged] => [
      facts.registered(),
      facts.moved('applied', 'interviewing'),
    ],
    rejected: (change: Partial<CandidateRejected['data']> = {}): CandidateRejected => ({
      type: 'CandidateRejected',
      data: {
        candidateId,
        category: 'rejected-by-us',
        reason: 'Not a fit for the role',
        feedbackForCandidate: null,
        stageAtRejection: 'interviewing',
        ...change,
      },
    }),
    withdrew: (change: Partial<CandidateWithdrew['data']> = {}): CandidateWithdrew => ({
      type: 'CandidateWithdrew',
      data: { candidateId, reason: null, stageAtWithdrawal: 'interviewing', ...change },
    }),
    hired: (offerId = '00000000-0000-4000-8000-0000000000f1'): CandidateHired => ({
      type: 'CandidateHired',
      data: { candidateId, offerId, offerVersion: 1, stageAtHire: 'offer' },
    }),
    erasureRequested: (
      change: Partial<PersonalDataErasureRequested['data']> = {},
    ): PersonalDataErasureRequested => ({
      type: 'PersonalDataErasureRequested',
      data: {
        candidateId,
        requestId: ERASURE_REQUEST_ID,
        reason: 'person-asked',
        requestedBy: 'recruiter-1',
        ...change,
      },
    }),
    erasureApproved: (approvedBy = 'admin-1'): PersonalDataErasureApproved => ({
      type: 'PersonalDataErasureApproved',
      data: { candidateId, requestId: ERASURE_REQUEST_ID, approvedBy },
    }),
    erasureRefused: (refusedBy = 'admin-1'): PersonalDataErasureRefused => ({
      type: 'PersonalDataErasureRefused',
      data: { candidateId, requestId: ERASURE_REQUEST_ID, ground: 'legal-claims', refusedBy },
    }),
    /** On request (the approved request's; the person's every candidacy), or by retention (this one). */
    erased: (
      basis: PersonalDataErased['data']['basis'],
      change: Partial<PersonalDataErased['data']> = {},
    ): PersonalDataErased => ({
      type: 'PersonalDataErased',
      data: {
        candidateId,
        personId: '00000000-0000-4000-8000-00000000000a',
        keyIds: [`candidate:${candidateId}`],
        basis,
        ...(basis === 'request'
          ? {
              requestId: ERASURE_REQUEST_ID,
              reason: 'person-asked',
              requestedBy: 'recruiter-1',
              policy: null,
            }
          : { requestId: null, reason: null, requestedBy: null, policy: RETENTION_POLICY }),
        erasedAt: '2030-09-04T09:00:00.000Z',
        ...change,
      },
    }),
    retentionConsented: (keepUntil: string): PersonalDataRetentionConsented => ({
      type: 'PersonalDataRetentionConsented',
      data: { candidateId, keepUntil, recordedBy: 'recruiter-1' },
    }),
    retentionScheduled: (
      change: Partial<PersonalDataRetentionScheduled['data']> = {},
    ): PersonalDataRetentionScheduled => ({
      type: 'PersonalDataRetentionScheduled',
      data: {
        candidateId,
        policy: RETENTION_POLICY,
        closedAt: '2030-03-04T09:00:00.000Z',
        eraseAt: '2030-09-04T09:00:00.000Z',
        cause: 'policy',
        ...change,
      },
    }),
    scheduled: (
      interviewId: string,
      panel: readonly string[],
      round = 1,
      change: Partial<InterviewScheduled['data']> = {},
    ): InterviewScheduled => ({
      type: 'InterviewScheduled',
      data: {
        candidateId,
        interviewId,
        kind: 'technical',
        round,
        format: 'video',
        location: null,
        videoLink: 'https://meet.example.org/abc',
        panel: panel.map((interviewerId, i) => ({
          interviewerId,
          role: i === 0 ? 'lead' : 'question-asker',
        })),
        startsAt: STARTS_AT,
        endsAt: hoursAfter(change.startsAt ?? STARTS_AT, 1),
        candidateTimeZone: 'Europe/London',
        ...change,
      },
    }),
    completed: (interviewId: string): InterviewCompleted => ({
      type: 'InterviewCompleted',
      data: { candidateId, interviewId },
    }),
    cancelled: (interviewId: string, reason = 'The lead is ill'): InterviewCancelled => ({
      type: 'InterviewCancelled',
      data: { candidateId, interviewId, reason },
    }),
    requested: (
      interviewId: string,
      interviewerId: string,
      round = 1,
      change: Partial<FeedbackRequested['data']> = {},
    ): FeedbackRequested => ({
      type: 'FeedbackRequested',
      data: {
        candidateId,
        interviewId,
        interviewerId,
        interviewKind: 'technical',
        round,
        dueAt: hoursAfter(STARTS_AT, 1 + FEEDBACK_DUE_HOURS),
        rubric: null,
        ...change,
      },
    }),
    /** A draft partly written: strengths only. */
    draftSaved: (
      interviewId: string,
      interviewerId: string,
      change: Partial<FeedbackDraftSaved['data']> = {},
    ): FeedbackDraftSaved => ({
      type: 'FeedbackDraftSaved',
      data: {
        candidateId,
        interviewId,
        interviewerId,
        ratings: [],
        strengths: 'Half written',
        concerns: null,
        notes: null,
        recommendation: null,
        ...change,
      },
    }),
    submitted: (
      interviewId: string,
      interviewerId: string,
      change: Partial<FeedbackSubmitted['data']> = {},
    ): FeedbackSubmitted => ({
      type: 'FeedbackSubmitted',
      data: {
        candidateId,
        interviewId,
        interviewerId,
        rubricId: null,
        rubricVersion: null,
        ...SCORECARD,
        ...change,
      },
    }),
    amended: (
      interviewId: string,
      interviewerId: string,
      change: Partial<FeedbackAmended['data']> = {},
    ): FeedbackAmended => ({
      type: 'FeedbackAmended',
      data: {
        candidateId,
        interviewId,
        interviewerId,
        ...SCORECARD,
        reason: 'I misread my notes',
        ...change,
      },
    }),
    /** An advance to the next round unless `change` says otherwise (no target but for an advance). */
    decided: (change: Partial<PanelDecisionRecorded['data']> = {}): PanelDecisionRecorded => {
      const decision = change.decision ?? 'advance';
      return {
        type: 'PanelDecisionRecorded',
        data: {
          candidateId,
          decisionId: '00000000-0000-4000-8000-0000000000d1',
          round: 1,
          decision,
          advanceTo: decision === 'advance' ? 'next-round' : null,
          rationale: 'The panel agreed',
          feedbackForCandidate: decision === 'reject' ? 'Practise explaining trade-offs.' : null,
          override: null,
          decidedBy: 'hiring-manager-1',
          ...change,
        },
      };
    },
    /**
     * An interview of the round as scheduling and assessment record it once it
     * took place: scheduled, completed, each panelist asked for feedback (due
     * a day after it ended), then the feedback given.
     */
    completedInterview: ({
      interviewId,
      panel,
      round = 1,
      startsAt = STARTS_AT,
      rubric = null,
      feedback = [],
    }: InterviewRound): (
      InterviewScheduled | InterviewCompleted | FeedbackRequested | FeedbackSubmitted
    )[] => [
      facts.scheduled(interviewId, panel, round, { startsAt }),
      facts.completed(interviewId),
      ...panel.map((interviewerId) =>
        facts.requested(interviewId, interviewerId, round, {
          dueAt: hoursAfter(startsAt, 1 + FEEDBACK_DUE_HOURS),
          rubric,
        }),
      ),
      ...feedback.map(({ interviewerId, ...scorecard }) =>
        facts.submitted(interviewId, interviewerId, {
          rubricId: rubric?.rubricId ?? null,
          rubricVersion: rubric?.version ?? null,
          ...scorecard,
        }),
      ),
    ],
  };
  return facts;
}

/**
 * The event as read back from its candidate's stream at `revision` (event id
 * `e-<revision>`, recorded at 2030-03-01T10:00:00Z by recruiter-1 unless
 * `metadata` says otherwise), for the folds of read models and reports.
 */
export function recordedEvent<E extends Event & Readonly<{ data: { candidateId: string } }>>(
  revision: number | bigint,
  event: E,
  metadata: Partial<EventMetadata> = {},
): RecordedEvent<E> {
  return {
    event,
    metadata: {
      eventId: `e-${revision}`,
      occurredAt: '2030-03-01T10:00:00Z',
      actor: { id: 'recruiter-1', role: 'recruiter' },
      correlationId: 'correlation-1',
      causationId: 'causation-1',
      schemaVersion: 1,
      ...metadata,
    },
    streamName: candidateStreamName(event.data.candidateId),
    revision: BigInt(revision),
    position: undefined,
  };
}
