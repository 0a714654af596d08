import type { ActorRole, Command, StampedRubric } from '@hirestream/contracts';
import type { Scorecard, ScorecardDraft } from './feedback.state';

type OnInterview = Readonly<{ candidateId: string; interviewId: string }>;

/**
 * Who writes or reads feedback. `seesEveryInterview`: a staff reader
 * (recruiter, coordinator, hiring manager, auditor, admin) knows every interview
 * of the candidate; anyone else (an interviewer) only those they sit on, and
 * learns nothing of the others, not even that they exist.
 */
export type FeedbackCaller = Readonly<{
  id: string;
  role: ActorRole;
  seesEveryInterview: boolean;
}>;

/**
 * Asks every panel member of a completed interview for feedback (the reaction
 * to `InterviewCompleted`). The rubric was looked up for the job and the
 * interview's kind before deciding; `dueAt` is the completion plus the
 * service's due time.
 */
export type RequestFeedback = Command<
  'RequestFeedback',
  OnInterview & Readonly<{ dueAt: string; rubric: StampedRubric | null }>
>;

/** Withdraws the open requests of a cancelled interview (the reaction to `InterviewCancelled`). */
export type WithdrawFeedbackRequests = Command<
  'WithdrawFeedbackRequests',
  OnInterview & Readonly<{ reason: string }>
>;

/**
 * Withdraws every open request of a rejected or withdrawn candidacy (the
 * reaction to `CandidateRejected` and `CandidateWithdrew`); submitted feedback stays.
 */
export type WithdrawClosedCandidacyFeedbackRequests = Command<
  'WithdrawClosedCandidacyFeedbackRequests',
  Readonly<{ candidateId: string; reason: string }>
>;

/** The panel member saves a draft of their own feedback. */
export type SaveFeedbackDraft = Command<
  'SaveFeedbackDraft',
  OnInterview & ScorecardDraft & Readonly<{ author: FeedbackCaller }>
>;

/** The panel member submits their own feedback, once. */
export type SubmitFeedback = Command<
  'SubmitFeedback',
  OnInterview & Scorecard & Readonly<{ author: FeedbackCaller }>
>;

/** The panel member amends their submitted feedback, with a reason, before the round is decided. */
export type AmendFeedback = Command<
  'AmendFeedback',
  OnInterview & Scorecard & Readonly<{ author: FeedbackCaller; reason: string }>
>;

/**
 * A reader asks for the submitted feedback of one interview (`interviewId`) or
 * of the whole candidacy (null). Deciding it records who is shown whose
 * feedback, before anything is shown; a blind reader is refused.
 */
export type RevealFeedback = Command<
  'RevealFeedback',
  Readonly<{ candidateId: string; interviewId: string | null; reader: FeedbackCaller }>
>;

export type FeedbackCommand =
  | RequestFeedback
  | WithdrawFeedbackRequests
  | WithdrawClosedCandidacyFeedbackRequests
  | SaveFeedbackDraft
  | SubmitFeedback
  | AmendFeedback
  | RevealFeedback;
