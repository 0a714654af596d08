import type { Event } from '../core/event';
import type { CandidateStage, RejectionCategory } from './candidate-stage';

export type CandidateRegistered = Event<
  'CandidateRegistered',
  {
    candidateId: string;
    /** Links the candidacies of one person who applied more than once. */
    personId: string;
    fullName: string;
    email: string;
    phone: string | null;
    jobId: string;
    source: string;
    resumeRef: string | null;
  }
>;

export type ScreeningRecorded = Event<
  'ScreeningRecorded',
  {
    candidateId: string;
    passed: boolean;
    notes: string;
    screenedBy: string;
  }
>;

export type CandidateStageChanged = Event<
  'CandidateStageChanged',
  {
    candidateId: string;
    from: CandidateStage;
    to: CandidateStage;
  }
>;

export type CandidateRejected = Event<
  'CandidateRejected',
  {
    candidateId: string;
    category: RejectionCategory;
    reason: string;
    /** Constructive feedback the candidate is sent. */
    feedbackForCandidate: string | null;
    stageAtRejection: CandidateStage;
  }
>;

export type CandidateWithdrew = Event<
  'CandidateWithdrew',
  {
    candidateId: string;
    reason: string | null;
    stageAtWithdrawal: CandidateStage;
  }
>;

export type CandidateEvent =
  | CandidateRegistered
  | ScreeningRecorded
  | CandidateStageChanged
  | CandidateRejected
  | CandidateWithdrew;
