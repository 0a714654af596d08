import type {
  Command,
  InterviewCancelled,
  InterviewConfirmed,
  InterviewDayScheduled,
  InterviewScheduled,
} from '@hirestream/contracts';

/** `now` is the time the command is decided at: deciders never read a clock. */
type At = Readonly<{ now: string }>;

export type ScheduleInterview = Command<'ScheduleInterview', InterviewScheduled['data'] & At>;

export type ScheduleInterviewDay = Command<
  'ScheduleInterviewDay',
  InterviewDayScheduled['data'] & At
>;

export type ConfirmInterview = Command<'ConfirmInterview', InterviewConfirmed['data']>;

export type RescheduleInterview = Command<
  'RescheduleInterview',
  {
    candidateId: string;
    interviewId: string;
    startsAt: string;
    endsAt: string;
    reason: string;
  } & At
>;

export type CancelInterview = Command<'CancelInterview', InterviewCancelled['data']>;

/** Moves the whole day so that it begins at `startsAt`; sessions and breaks keep their spacing. */
export type RescheduleInterviewDay = Command<
  'RescheduleInterviewDay',
  { candidateId: string; dayId: string; startsAt: string; reason: string } & At
>;

/** Cancels every session of the day still open. */
export type CancelInterviewDay = Command<
  'CancelInterviewDay',
  { candidateId: string; dayId: string; reason: string }
>;

/** Who did not come: the candidate, or a named member of the panel. */
export type Absentee =
  Readonly<{ party: 'candidate' }> | Readonly<{ party: 'interviewer'; interviewerId: string }>;

export type RecordNoShow = Command<
  'RecordNoShow',
  { candidateId: string; interviewId: string; absentee: Absentee } & At
>;

export type CompleteInterview = Command<
  'CompleteInterview',
  { candidateId: string; interviewId: string } & At
>;

export type InterviewCommand =
  | ScheduleInterview
  | ScheduleInterviewDay
  | ConfirmInterview
  | RescheduleInterview
  | CancelInterview
  | RescheduleInterviewDay
  | CancelInterviewDay
  | RecordNoShow
  | CompleteInterview;
