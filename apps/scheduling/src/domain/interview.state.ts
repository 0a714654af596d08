import {
  INTERVIEW_KINDS,
  type Candidacy,
  type CandidateStage,
  type InterviewDayBreak,
  type InterviewKind,
  type InterviewSetting,
  type NoShowParty,
} from '@hirestream/contracts';

export type InterviewStatus = 'scheduled' | 'confirmed' | 'cancelled' | 'completed' | 'no-show';

export const CLOSED_INTERVIEW_STATUSES: ReadonlySet<InterviewStatus> = new Set([
  'cancelled',
  'completed',
  'no-show',
]);

/** One version of an interview's time: version 1 as scheduled, then one per reschedule. */
export type InterviewTime = Readonly<{
  version: number;
  startsAt: string;
  endsAt: string;
  /** Why it moved here; null for the scheduled time. */
  reason: string | null;
}>;

export type Interview = Readonly<
  InterviewSetting & {
    interviewId: string;
    candidateTimeZone: string;
    /** The interview day it is a session of, with the session's title. */
    day: Readonly<{ dayId: string; title: string }> | null;
    startsAt: string;
    endsAt: string;
    status: InterviewStatus;
    /** Every time the interview has had, oldest first; the last is the current one. */
    history: readonly InterviewTime[];
    cancellationReason: string | null;
    noShow: Readonly<{ party: NoShowParty; interviewerId: string | null }> | null;
  }
>;

export type InterviewDay = Readonly<{
  dayId: string;
  candidateTimeZone: string;
  /** From the first session's start to the last one's end; moves with each reschedule. */
  startsAt: string;
  endsAt: string;
  sessionIds: readonly string[];
  breaks: readonly InterviewDayBreak[];
}>;

/**
 * The scheduling view of one candidate's stream: the candidate's stage (from
 * the candidates service's events) and every interview scheduled for them.
 */
export type CandidateInterviews = Readonly<{
  candidate: Candidacy | null;
  interviews: ReadonlyMap<string, Interview>;
  days: ReadonlyMap<string, InterviewDay>;
}>;

/**
 * Which interviews each stage allows. Screening calls happen in screening;
 * every kind in interviewing; once a candidate moves on to background checks
 * or an offer, or before anyone has looked at the application, none are
 * scheduled. Hired, rejected and withdrawn candidacies are closed.
 */
export const INTERVIEW_KINDS_BY_STAGE: Readonly<Record<CandidateStage, readonly InterviewKind[]>> =
  {
    applied: [],
    screening: ['screening'],
    interviewing: INTERVIEW_KINDS,
    'background-check': [],
    offer: [],
    hired: [],
    rejected: [],
    withdrawn: [],
  };
