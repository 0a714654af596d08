import type { EventContract } from '../core/event-contract';
import type { JsonSchema } from '../core/json-schema';
import {
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  NO_SHOW_PARTIES,
  PANEL_ROLES,
  WEEKDAYS,
} from './interview-vocabulary';
import type {
  InterviewCancelled,
  InterviewCompleted,
  InterviewConfirmed,
  InterviewDayRescheduled,
  InterviewDayScheduled,
  InterviewerAvailabilitySet,
  InterviewerSlotReleased,
  InterviewerSlotReserved,
  InterviewRescheduled,
  InterviewScheduled,
  NoShowRecorded,
} from './scheduling-events';

const OWNER = 'scheduling';
const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 100 };
const title: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };
const reason: JsonSchema = { type: 'string', minLength: 1, maxLength: 2_000 };
/** UTC only: an offset would let the same instant be written two ways. */
const instant: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$',
};
/** An IANA zone name such as `Europe/London`; the decider checks that the zone exists. */
const timeZone: JsonSchema = { type: 'string', minLength: 1, maxLength: 64 };
const wallClock: JsonSchema = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };
const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };

/** Every listed property required, nothing else allowed. */
function closed(properties: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function eventSchema(eventType: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:hirestream:event:${eventType}:1`,
    title: eventType,
    ...closed(properties),
  };
}

const panel: JsonSchema = {
  type: 'array',
  items: closed({ interviewerId: id, role: { type: 'string', enum: PANEL_ROLES } }),
};

const setting: Record<string, JsonSchema> = {
  kind: { type: 'string', enum: INTERVIEW_KINDS },
  round: positiveInteger,
  format: { type: 'string', enum: INTERVIEW_FORMATS },
  location: { type: ['string', 'null'], maxLength: 500 },
  videoLink: { type: ['string', 'null'], format: 'uri', maxLength: 2_000 },
  panel,
};

export const interviewScheduledContract: EventContract<InterviewScheduled> = {
  type: 'InterviewScheduled',
  owner: OWNER,
  description: 'An interview with a panel was scheduled for the candidate.',
  schemaVersion: 1,
  schema: eventSchema('InterviewScheduled', {
    candidateId: id,
    interviewId: id,
    ...setting,
    startsAt: instant,
    endsAt: instant,
    candidateTimeZone: timeZone,
  }),
  upcasters: [],
};

export const interviewDayScheduledContract: EventContract<InterviewDayScheduled> = {
  type: 'InterviewDayScheduled',
  owner: OWNER,
  description:
    'An interview day was scheduled as one unit: back-to-back sessions, each an interview, and breaks.',
  schemaVersion: 1,
  schema: eventSchema('InterviewDayScheduled', {
    candidateId: id,
    dayId: id,
    candidateTimeZone: timeZone,
    sessions: {
      type: 'array',
      items: closed({ interviewId: id, title, ...setting, startsAt: instant, endsAt: instant }),
    },
    breaks: { type: 'array', items: closed({ title, startsAt: instant, endsAt: instant }) },
  }),
  upcasters: [],
};

export const interviewDayRescheduledContract: EventContract<InterviewDayRescheduled> = {
  type: 'InterviewDayRescheduled',
  owner: OWNER,
  description:
    'The interview day moved as one unit: each open session to a new version of its time (to be confirmed again), and its breaks.',
  schemaVersion: 1,
  schema: eventSchema('InterviewDayRescheduled', {
    candidateId: id,
    dayId: id,
    startsAt: instant,
    endsAt: instant,
    sessions: {
      type: 'array',
      minItems: 1,
      items: closed({
        interviewId: id,
        version: { type: 'integer', minimum: 2 },
        startsAt: instant,
        endsAt: instant,
      }),
    },
    breaks: { type: 'array', items: closed({ title, startsAt: instant, endsAt: instant }) },
    reason,
  }),
  upcasters: [],
};

export const interviewConfirmedContract: EventContract<InterviewConfirmed> = {
  type: 'InterviewConfirmed',
  owner: OWNER,
  description: 'The candidate confirmed they will attend the interview at its current time.',
  schemaVersion: 1,
  schema: eventSchema('InterviewConfirmed', { candidateId: id, interviewId: id }),
  upcasters: [],
};

export const interviewRescheduledContract: EventContract<InterviewRescheduled> = {
  type: 'InterviewRescheduled',
  owner: OWNER,
  description: 'The interview moved to a new time; it needs confirming again.',
  schemaVersion: 1,
  schema: eventSchema('InterviewRescheduled', {
    candidateId: id,
    interviewId: id,
    version: { type: 'integer', minimum: 2 },
    startsAt: instant,
    endsAt: instant,
    reason,
  }),
  upcasters: [],
};

export const interviewCancelledContract: EventContract<InterviewCancelled> = {
  type: 'InterviewCancelled',
  owner: OWNER,
  description: 'The interview was cancelled and will not take place.',
  schemaVersion: 1,
  schema: eventSchema('InterviewCancelled', { candidateId: id, interviewId: id, reason }),
  upcasters: [],
};

export const noShowRecordedContract: EventContract<NoShowRecorded> = {
  type: 'NoShowRecorded',
  owner: OWNER,
  description: 'The candidate or a panel member did not attend the interview.',
  schemaVersion: 1,
  schema: eventSchema('NoShowRecorded', {
    candidateId: id,
    interviewId: id,
    party: { type: 'string', enum: NO_SHOW_PARTIES },
    interviewerId: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  }),
  upcasters: [],
};

export const interviewCompletedContract: EventContract<InterviewCompleted> = {
  type: 'InterviewCompleted',
  owner: OWNER,
  description: 'The interview took place; feedback is now due from its panel.',
  schemaVersion: 1,
  schema: eventSchema('InterviewCompleted', { candidateId: id, interviewId: id }),
  upcasters: [],
};

export const interviewerAvailabilitySetContract: EventContract<InterviewerAvailabilitySet> = {
  type: 'InterviewerAvailabilitySet',
  owner: OWNER,
  description:
    "The interviewer's working hours (in their own time zone) and daily interview limit.",
  schemaVersion: 1,
  schema: eventSchema('InterviewerAvailabilitySet', {
    interviewerId: id,
    timeZone,
    workingHours: {
      type: 'array',
      items: closed({
        weekday: { type: 'integer', enum: WEEKDAYS },
        start: wallClock,
        end: wallClock,
      }),
    },
    dailyInterviewLimit: positiveInteger,
  }),
  upcasters: [],
};

export const interviewerSlotReservedContract: EventContract<InterviewerSlotReserved> = {
  type: 'InterviewerSlotReserved',
  owner: OWNER,
  description:
    "A time in the interviewer's calendar was reserved for an interview; reserving it again moves it.",
  schemaVersion: 1,
  schema: eventSchema('InterviewerSlotReserved', {
    interviewerId: id,
    interviewId: id,
    candidateId: id,
    startsAt: instant,
    endsAt: instant,
    override: {
      type: ['object', 'null'],
      properties: { reason, overrodeRules: { type: 'array', items: id } },
      required: ['reason', 'overrodeRules'],
      additionalProperties: false,
    },
  }),
  upcasters: [],
};

export const interviewerSlotReleasedContract: EventContract<InterviewerSlotReleased> = {
  type: 'InterviewerSlotReleased',
  owner: OWNER,
  description: "An interview's time in the interviewer's calendar was freed.",
  schemaVersion: 1,
  schema: eventSchema('InterviewerSlotReleased', { interviewerId: id, interviewId: id, reason }),
  upcasters: [],
};

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
