import type { Event } from '../core/event';
import type {
  InterviewFormat,
  InterviewKind,
  NoShowParty,
  PanelRole,
  Weekday,
} from './interview-vocabulary';

/*
 * Instants are ISO-8601 UTC strings (`2026-03-30T09:00:00Z`); time zones are
 * IANA names. Local times exist only where a person reads them (agendas,
 * working hours), so nothing stored depends on a zone's future rules.
 */

export type PanelMember = Readonly<{ interviewerId: string; role: PanelRole }>;

/** Where and how an interview takes place; the format decides which of location or link is required. */
export type InterviewSetting = Readonly<{
  kind: InterviewKind;
  round: number;
  format: InterviewFormat;
  location: string | null;
  videoLink: string | null;
  panel: readonly PanelMember[];
}>;

export type InterviewScheduled = Event<
  'InterviewScheduled',
  InterviewSetting & {
    candidateId: string;
    interviewId: string;
    startsAt: string;
    endsAt: string;
    /** The zone the candidate reads times in. */
    candidateTimeZone: string;
  }
>;

/** One interview of an interview day; it has its own id and lifecycle once scheduled. */
export type InterviewDaySession = Readonly<
  InterviewSetting & { interviewId: string; title: string; startsAt: string; endsAt: string }
>;

export type InterviewDayBreak = Readonly<{ title: string; startsAt: string; endsAt: string }>;

/** Back-to-back sessions and breaks, scheduled as one unit; the candidate's agenda is rendered from it. */
export type InterviewDayScheduled = Event<
  'InterviewDayScheduled',
  {
    candidateId: string;
    dayId: string;
    candidateTimeZone: string;
    sessions: readonly InterviewDaySession[];
    breaks: readonly InterviewDayBreak[];
  }
>;

/** A session's new time when its day moves: the next version of that interview's time. */
export type InterviewDaySessionMove = Readonly<{
  interviewId: string;
  version: number;
  startsAt: string;
  endsAt: string;
}>;

/**
 * The whole day moved by one offset: every open session (each gets a new
 * version of its time and needs confirming again) and every break.
 */
export type InterviewDayRescheduled = Event<
  'InterviewDayRescheduled',
  {
    candidateId: string;
    dayId: string;
    /** The day's new span, from its first session's start to its last one's end. */
    startsAt: string;
    endsAt: string;
    sessions: readonly InterviewDaySessionMove[];
    breaks: readonly InterviewDayBreak[];
    reason: string;
  }
>;

export type InterviewConfirmed = Event<
  'InterviewConfirmed',
  { candidateId: string; interviewId: string }
>;

/** A new version of the interview's time; earlier versions stay in the history. */
export type InterviewRescheduled = Event<
  'InterviewRescheduled',
  {
    candidateId: string;
    interviewId: string;
    /** 2 for the first reschedule; the scheduled time is version 1. */
    version: number;
    startsAt: string;
    endsAt: string;
    reason: string;
  }
>;

export type InterviewCancelled = Event<
  'InterviewCancelled',
  { candidateId: string; interviewId: string; reason: string }
>;

export type NoShowRecorded = Event<
  'NoShowRecorded',
  {
    candidateId: string;
    interviewId: string;
    party: NoShowParty;
    /** The panel member who did not come, when the party is an interviewer. */
    interviewerId: string | null;
  }
>;

export type InterviewCompleted = Event<
  'InterviewCompleted',
  { candidateId: string; interviewId: string }
>;

/** The scheduling events written to a candidate's stream. */
export type InterviewEvent =
  | InterviewScheduled
  | InterviewDayScheduled
  | InterviewDayRescheduled
  | InterviewConfirmed
  | InterviewRescheduled
  | InterviewCancelled
  | NoShowRecorded
  | InterviewCompleted;

export type WorkingHoursOfDay = Readonly<{
  weekday: Weekday;
  /** Local wall-clock time in the interviewer's zone, `HH:MM`, 24-hour. */
  start: string;
  end: string;
}>;

export type InterviewerAvailabilitySet = Event<
  'InterviewerAvailabilitySet',
  {
    interviewerId: string;
    timeZone: string;
    /** Days absent from the list are not working days. */
    workingHours: readonly WorkingHoursOfDay[];
    dailyInterviewLimit: number;
  }
>;

/** Which availability rules a booking was allowed to break, and why. */
export type AvailabilityOverride = Readonly<{ reason: string; overrodeRules: readonly string[] }>;

export type InterviewerSlotReserved = Event<
  'InterviewerSlotReserved',
  {
    interviewerId: string;
    interviewId: string;
    candidateId: string;
    startsAt: string;
    endsAt: string;
    override: AvailabilityOverride | null;
  }
>;

export type InterviewerSlotReleased = Event<
  'InterviewerSlotReleased',
  { interviewerId: string; interviewId: string; reason: string }
>;

/** The events of an `interviewer-calendar-<interviewerId>` stream. */
export type InterviewerCalendarEvent =
  InterviewerAvailabilitySet | InterviewerSlotReserved | InterviewerSlotReleased;
