import type {
  Command,
  InterviewCancelled,
  InterviewConfirmed,
  InterviewDayScheduled,
  InterviewScheduled,
} from '@hirestream/contracts';

/** `now` is the time the command is decided at: deciders never read a clock. */
type At = Readonly<{ now: string }>;

/**
 * Why a booking may break the panel's working hours or daily limits (never a
 * clash): read by the calendar hold, which books the panel's calendars.
 */
export type BookingOverride = Readonly<{ reason: string }>;
type Booking = At & Readonly<{ override: BookingOverride | null }>;

export type ScheduleInterview = Command<'ScheduleInterview', InterviewScheduled['data'] & Booking>;

export type ScheduleInterviewDay = Command<
  'ScheduleInterviewDay',
  InterviewDayScheduled['data'] & Booking
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
  } & Booking
>;

export type CancelInterview = Command<'CancelInterview', InterviewCancelled['data']>;

/** Moves the whole day so that it begins at `startsAt`; sessions and breaks keep their spacing. */
export type RescheduleInterviewDay = Command<
  'RescheduleInterviewDay',
  { candidateId: string; dayId: string; startsAt: string; reason: string } & Booking
>;

/** Cancels every session of the day still open. */
export type CancelInterviewDay = Command<
  'CancelInterviewDay',
  { candidateId: string; dayId: string; reason: string }
>;

/** Cancels every interview of the candidate still open (a rejection or withdrawal closed the candidacy). */
export type CancelOpenInterviews = Command<
  'CancelOpenInterviews',
  { candidateId: string; reason: string }
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
  | CancelOpenInterviews
  | RecordNoShow
  | CompleteInterview;
