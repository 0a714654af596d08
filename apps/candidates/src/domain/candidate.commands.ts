import type {
  CandidateRegistered,
  CandidateStage,
  Command,
  RejectionCategory,
} from '@hirestream/contracts';

/** Registration carries exactly what the registered event records. */
export type RegisterCandidate = Command<'RegisterCandidate', CandidateRegistered['data']>;

export type RecordScreening = Command<
  'RecordScreening',
  { candidateId: string; passed: boolean; notes: string | null; screenedBy: string }
>;

export type MoveCandidateToStage = Command<
  'MoveCandidateToStage',
  { candidateId: string; to: CandidateStage }
>;

export type RejectCandidate = Command<
  'RejectCandidate',
  {
    candidateId: string;
    category: RejectionCategory;
    reason: string;
    feedbackForCandidate: string | null;
  }
>;

export type WithdrawCandidate = Command<
  'WithdrawCandidate',
  { candidateId: string; reason: string | null }
>;

export type CandidateCommand =
  RegisterCandidate | RecordScreening | MoveCandidateToStage | RejectCandidate | WithdrawCandidate;
