import { hirestreamEventCatalog } from '../event-catalog';
import {
  interviewerCalendarStreamName,
  interviewerIdOfCalendarStream,
} from './interviewer-calendar-stream';
import type { InterviewerCalendarEvent, InterviewEvent } from './scheduling-events';

const problems = (type: string, data: unknown) => hirestreamEventCatalog.schemaProblems(type, data);
const candidateId = 'c-1';
const interviewId = 'i-1';
const panel = [
  { interviewerId: 'grace', role: 'lead' },
  { interviewerId: 'alan', role: 'note-taker' },
] as const;
const scheduled: InterviewEvent = {
  type: 'InterviewScheduled',
  data: {
    candidateId,
    interviewId,
    kind: 'technical',
    round: 1,
    format: 'video',
    location: null,
    videoLink: 'https://meet.example.org/abc',
    panel,
    startsAt: '2026-03-30T09:00:00Z',
    endsAt: '2026-03-30T10:00:00Z',
    candidateTimeZone: 'Europe/London',
  },
};

const examples: (InterviewEvent | InterviewerCalendarEvent)[] = [
  scheduled,
  {
    type: 'InterviewDayScheduled',
    data: {
      candidateId,
      dayId: 'd-1',
      candidateTimeZone: 'America/New_York',
      sessions: [
        {
          interviewId: 'i-2',
          title: 'System design',
          kind: 'panel',
          round: 2,
          format: 'in-person',
          location: 'HQ, room 4',
          videoLink: null,
          panel,
          startsAt: '2026-03-31T13:00:00Z',
          endsAt: '2026-03-31T14:00:00Z',
        },
      ],
      breaks: [
        { title: 'Lunch', startsAt: '2026-03-31T14:00:00Z', endsAt: '2026-03-31T15:00:00Z' },
      ],
    },
  },
  {
    type: 'InterviewDayRescheduled',
    data: {
      candidateId,
      dayId: 'd-1',
      startsAt: '2026-04-02T13:00:00Z',
      endsAt: '2026-04-02T15:00:00Z',
      sessions: [
        {
          interviewId: 'i-2',
          version: 2,
          startsAt: '2026-04-02T13:00:00Z',
          endsAt: '2026-04-02T14:00:00Z',
        },
      ],
      breaks: [
        { title: 'Lunch', startsAt: '2026-04-02T14:00:00Z', endsAt: '2026-04-02T15:00:00Z' },
      ],
      reason: 'the hiring manager is travelling',
    },
  },
  { type: 'InterviewConfirmed', data: { candidateId, interviewId } },
  {
    type: 'InterviewRescheduled',
    data: {
      candidateId,
      interviewId,
      version: 2,
      startsAt: '2026-04-01T09:00:00.000Z',
      endsAt: '2026-04-01T10:00:00.000Z',
      reason: 'lead is ill',
    },
  },
  { type: 'InterviewCancelled', data: { candidateId, interviewId, reason: 'candidate withdrew' } },
  {
    type: 'NoShowRecorded',
    data: { candidateId, interviewId, party: 'interviewer', interviewerId: 'alan' },
  },
  { type: 'InterviewCompleted', data: { candidateId, interviewId } },
  {
    type: 'InterviewerAvailabilitySet',
    data: {
      interviewerId: 'grace',
      timeZone: 'Europe/London',
      workingHours: [{ weekday: 1, start: '09:00', end: '17:00' }],
      dailyInterviewLimit: 3,
    },
  },
  {
    type: 'InterviewerSlotReserved',
    data: {
      interviewerId: 'grace',
      interviewId,
      candidateId,
      startsAt: '2026-03-30T09:00:00Z',
      endsAt: '2026-03-30T10:00:00Z',
      override: {
        reason: 'only slot before the offer deadline',
        overrodeRules: ['daily-limit-reached'],
      },
    },
  },
  {
    type: 'InterviewerSlotReleased',
    data: { interviewerId: 'grace', interviewId, reason: 'interview cancelled' },
  },
];

describe('scheduling event contracts', () => {
  it('has a contract for every scheduling event, owned by the scheduling service', () => {
    expect(hirestreamEventCatalog.typesOwnedBy('scheduling').sort()).toEqual(
      examples.map((e) => e.type).sort(),
    );
  });

  it.each(examples.map((e) => [e.type, e] as const))('accepts a well-formed %s', (_type, event) => {
    expect(problems(event.type, event.data)).toEqual([]);
  });

  it('accepts UTC instants only', () => {
    expect(
      problems('InterviewScheduled', { ...scheduled.data, startsAt: '2026-03-30T10:00:00+01:00' }),
    ).toEqual([
      'data.startsAt must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z$"',
    ]);
  });

  it('names what is wrong with malformed data', () => {
    expect(
      problems('InterviewScheduled', {
        ...scheduled.data,
        format: 'carrier-pigeon',
        panel: [{ interviewerId: 'grace', role: 'boss' }],
        videoLink: 'not a link',
      }),
    ).toEqual(
      expect.arrayContaining([
        'data.format must be equal to one of the allowed values',
        'data.panel.0.role must be equal to one of the allowed values',
        'data.videoLink must match format "uri"',
      ]),
    );
    expect(
      problems('InterviewerAvailabilitySet', {
        interviewerId: 'grace',
        timeZone: 'Europe/London',
        workingHours: [{ weekday: 8, start: '9:00', end: '24:00' }],
        dailyInterviewLimit: 0,
      }),
    ).toEqual(
      expect.arrayContaining([
        'data.workingHours.0.weekday must be equal to one of the allowed values',
        'data.workingHours.0.start must match pattern "^([01]\\d|2[0-3]):[0-5]\\d$"',
        'data.dailyInterviewLimit must be >= 1',
      ]),
    );
    expect(problems('InterviewRescheduled', { candidateId, interviewId, version: 1 })).toEqual(
      expect.arrayContaining([
        'data.version must be >= 2',
        "data must have required property 'reason'",
      ]),
    );
  });

  it('names each interviewer calendar stream after the interviewer', () => {
    expect(interviewerCalendarStreamName('grace')).toBe('interviewer-calendar-grace');
    expect(interviewerIdOfCalendarStream('interviewer-calendar-grace')).toBe('grace');
    expect(interviewerIdOfCalendarStream('candidate-grace')).toBeUndefined();
  });
});
