import { Type, type Static, type StringOptions, type TObject } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import {
  actorId,
  httpUrl,
  multiLineText,
  nullable,
  oneOf,
  singleLineText,
  timeZoneName,
  utcInstant,
  uuid,
  wallClockTime,
} from '../core/field-schemas';
import { notPersonal, personal } from '../core/personal-data';
import {
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  NO_SHOW_PARTIES,
  PANEL_ROLES,
  WEEKDAYS,
} from './interview-vocabulary';

/*
 * Instants are ISO-8601 UTC strings (`2026-03-30T09:00:00Z`); time zones are
 * IANA names. Local times exist only where a person reads them (agendas,
 * working hours), so nothing stored depends on a zone's future rules.
 */

const OWNER = 'scheduling';

/** Why an interview moved or was cancelled, or why a slot was freed: it may speak of the candidate. */
export const schedulingReason = (options: StringOptions = {}) =>
  personal(multiLineText(2_000, options));
export const sessionTitle = () => notPersonal(singleLineText(200, { examples: ['System design'] }));
/** The organization's premises where an interview in person takes place. */
export const locationText = () =>
  notPersonal(singleLineText(500, { description: 'Required in person' }));
export const videoLinkUrl = () => httpUrl({ description: 'Required by video' });
/** An interview's or day's time; the deciders check it ends after it starts. */
export const timeSpanFields = {
  startsAt: utcInstant({ examples: ['2030-03-04T09:00:00Z'] }),
  endsAt: utcInstant({ examples: ['2030-03-04T10:00:00Z'] }),
};

export const PanelMember = Type.Object(
  { interviewerId: actorId({ examples: ['interviewer-7'] }), role: oneOf(PANEL_ROLES) },
  { additionalProperties: false },
);
export type PanelMember = DeepReadonly<Static<typeof PanelMember>>;

/** A panel: one lead (checked by the decider), at most 12 people. */
export const panelSchema = () =>
  Type.Array(PanelMember, { minItems: 1, maxItems: 12, description: 'Exactly one lead' });

/** Where and how an interview takes place; the format decides which of location or link is required. */
export const interviewSettingFields = {
  kind: oneOf(INTERVIEW_KINDS),
  round: Type.Integer({ minimum: 1, maximum: 20 }),
  format: oneOf(INTERVIEW_FORMATS),
  location: nullable(locationText()),
  videoLink: nullable(videoLinkUrl()),
  panel: panelSchema(),
};
export type InterviewSetting = DeepReadonly<Static<TObject<typeof interviewSettingFields>>>;

/** One interview of an interview day; it has its own id and lifecycle once scheduled. */
export const InterviewDaySession = Type.Object(
  { interviewId: uuid(), title: sessionTitle(), ...interviewSettingFields, ...timeSpanFields },
  { additionalProperties: false },
);
export type InterviewDaySession = DeepReadonly<Static<typeof InterviewDaySession>>;

export const InterviewDayBreak = Type.Object(
  { title: sessionTitle(), ...timeSpanFields },
  { additionalProperties: false },
);
export type InterviewDayBreak = DeepReadonly<Static<typeof InterviewDayBreak>>;

/** A session's new time when its day moves: the next version of that interview's time. */
const InterviewDaySessionMove = Type.Object(
  { interviewId: uuid(), version: Type.Integer({ minimum: 2 }), ...timeSpanFields },
  { additionalProperties: false },
);
export type InterviewDaySessionMove = DeepReadonly<Static<typeof InterviewDaySessionMove>>;

export const WorkingHoursOfDay = Type.Object(
  {
    weekday: oneOf(WEEKDAYS, { description: 'ISO weekday: Monday = 1 … Sunday = 7' }),
    start: wallClockTime({
      description: "Local time in the interviewer's zone",
      examples: ['09:00'],
    }),
    end: wallClockTime({ examples: ['17:00'] }),
  },
  { additionalProperties: false },
);
export type WorkingHoursOfDay = DeepReadonly<Static<typeof WorkingHoursOfDay>>;

/** Which availability rules a booking was allowed to break, and why. */
const AvailabilityOverride = Type.Object(
  { reason: schedulingReason(), overrodeRules: Type.Array(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export type AvailabilityOverride = DeepReadonly<Static<typeof AvailabilityOverride>>;

export const interviewScheduledContract = eventContract({
  type: 'InterviewScheduled',
  owner: OWNER,
  description: 'An interview with a panel was scheduled for the candidate.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    interviewId: uuid(),
    ...interviewSettingFields,
    ...timeSpanFields,
    candidateTimeZone: timeZoneName({ description: 'The zone the candidate reads times in' }),
  },
});

export const interviewDayScheduledContract = eventContract({
  type: 'InterviewDayScheduled',
  owner: OWNER,
  description:
    'An interview day was scheduled as one unit: back-to-back sessions, each an interview, and breaks.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    dayId: uuid(),
    candidateTimeZone: timeZoneName(),
    sessions: Type.Array(InterviewDaySession, { minItems: 2, maxItems: 12 }),
    breaks: Type.Array(InterviewDayBreak, { maxItems: 12 }),
  },
});

export const interviewDayRescheduledContract = eventContract({
  type: 'InterviewDayRescheduled',
  owner: OWNER,
  description:
    'The interview day moved as one unit: each open session to a new version of its time (to be confirmed again), and its breaks.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    dayId: uuid(),
    ...timeSpanFields,
    sessions: Type.Array(InterviewDaySessionMove, { minItems: 1, maxItems: 12 }),
    breaks: Type.Array(InterviewDayBreak, { maxItems: 12 }),
    reason: schedulingReason(),
  },
});

export const interviewConfirmedContract = eventContract({
  type: 'InterviewConfirmed',
  owner: OWNER,
  description: 'The candidate confirmed they will attend the interview at its current time.',
  schemaVersion: 1,
  data: { candidateId: uuid(), interviewId: uuid() },
});

export const interviewRescheduledContract = eventContract({
  type: 'InterviewRescheduled',
  owner: OWNER,
  description: 'The interview moved to a new time; it needs confirming again.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    interviewId: uuid(),
    version: Type.Integer({
      minimum: 2,
      description: '2 for the first reschedule; the scheduled time is version 1',
    }),
    ...timeSpanFields,
    reason: schedulingReason(),
  },
});

export const interviewCancelledContract = eventContract({
  type: 'InterviewCancelled',
  owner: OWNER,
  description: 'The interview was cancelled and will not take place.',
  schemaVersion: 1,
  data: { candidateId: uuid(), interviewId: uuid(), reason: schedulingReason() },
});

export const noShowRecordedContract = eventContract({
  type: 'NoShowRecorded',
  owner: OWNER,
  description: 'The candidate or a panel member did not attend the interview.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    interviewId: uuid(),
    party: oneOf(NO_SHOW_PARTIES),
    interviewerId: nullable(
      actorId({
        description: 'The panel member who did not come, when the party is an interviewer',
      }),
    ),
  },
});

export const interviewCompletedContract = eventContract({
  type: 'InterviewCompleted',
  owner: OWNER,
  description: 'The interview took place; feedback is now due from its panel.',
  schemaVersion: 1,
  data: { candidateId: uuid(), interviewId: uuid() },
});

export const interviewerAvailabilitySetContract = eventContract({
  type: 'InterviewerAvailabilitySet',
  owner: OWNER,
  description:
    "The interviewer's working hours (in their own time zone) and daily interview limit.",
  schemaVersion: 1,
  data: {
    interviewerId: actorId(),
    timeZone: timeZoneName(),
    workingHours: Type.Array(WorkingHoursOfDay, {
      maxItems: 7,
      description: 'Days absent from the list are not working days',
    }),
    dailyInterviewLimit: Type.Integer({ minimum: 1, maximum: 20 }),
  },
});

export const interviewerSlotReservedContract = eventContract({
  type: 'InterviewerSlotReserved',
  owner: OWNER,
  description:
    "A time in the interviewer's calendar was reserved for an interview; reserving it again moves it.",
  schemaVersion: 1,
  data: {
    interviewerId: actorId(),
    interviewId: uuid(),
    candidateId: uuid(),
    ...timeSpanFields,
    override: nullable(AvailabilityOverride),
  },
});

export const interviewerSlotReleasedContract = eventContract({
  type: 'InterviewerSlotReleased',
  owner: OWNER,
  description: "An interview's time in the interviewer's calendar was freed.",
  schemaVersion: 1,
  data: { interviewerId: actorId(), interviewId: uuid(), reason: schedulingReason() },
  // No candidacy is named: the reason is kept under the interviewer's own key.
  dataSubject: { kind: 'interviewer', field: 'interviewerId' },
});

export const schedulingEventContracts = [
  interviewScheduledContract,
  interviewDayScheduledContract,
  interviewDayRescheduledContract,
  interviewConfirmedContract,
  interviewRescheduledContract,
  interviewCancelledContract,
  noShowRecordedContract,
  interviewCompletedContract,
  interviewerAvailabilitySetContract,
  interviewerSlotReservedContract,
  interviewerSlotReleasedContract,
] as const;

export type InterviewScheduled = EventOf<typeof interviewScheduledContract>;
export type InterviewDayScheduled = EventOf<typeof interviewDayScheduledContract>;
export type InterviewDayRescheduled = EventOf<typeof interviewDayRescheduledContract>;
export type InterviewConfirmed = EventOf<typeof interviewConfirmedContract>;
export type InterviewRescheduled = EventOf<typeof interviewRescheduledContract>;
export type InterviewCancelled = EventOf<typeof interviewCancelledContract>;
export type NoShowRecorded = EventOf<typeof noShowRecordedContract>;
export type InterviewCompleted = EventOf<typeof interviewCompletedContract>;
export type InterviewerAvailabilitySet = EventOf<typeof interviewerAvailabilitySetContract>;
export type InterviewerSlotReserved = EventOf<typeof interviewerSlotReservedContract>;
export type InterviewerSlotReleased = EventOf<typeof interviewerSlotReleasedContract>;

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

/** The events of an `interviewer-calendar-<interviewerId>` stream. */
export type InterviewerCalendarEvent =
  InterviewerAvailabilitySet | InterviewerSlotReserved | InterviewerSlotReleased;
