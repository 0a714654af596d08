import { hirestreamEventCatalog } from '../event-catalog';
import {
  interviewerCalendarStreamName,
  interviewerIdOfCalendarStream,
} from './interviewer-calendar-stream';
import type { InterviewerCalendarEvent, InterviewEvent } from './scheduling-contracts';

const problems = (type: string, data: unknown) => hirestreamEventCatalog.schemaProblems(type, data);
const candidateId = '6f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77';
const interviewId = '0b8e7e3e-2a54-4d8f-9a0e-5f6c1d2e3f40';
const dayId = '2c5b0f1e-7d3a-4e9b-8c1d-0a2b3c4d5e6f';
const sessionIds = ['9d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d', 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'];
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
      dayId,
      candidateTimeZone: 'America/New_York',
      sessions: sessionIds.map((id, i) => ({
        interviewId: id,
        title: i === 0 ? 'System design' : 'Team fit',
        kind: 'panel',
        round: 2,
        format: 'in-person',
        location: 'HQ, room 4',
        videoLink: null,
        panel,
        startsAt: i === 0 ? '2026-03-31T13:00:00Z' : '2026-03-31T15:00:00Z',
        endsAt: i === 0 ? '2026-03-31T14:00:00Z' : '2026-03-31T16:00:00Z',
      })),
      breaks: [
        { title: 'Lunch', startsAt: '2026-03-31T14:00:00Z', endsAt: '2026-03-31T15:00:00Z' },
      ],
    },
  },
  {
    type: 'InterviewDayRescheduled',
    data: {
      candidateId,
      dayId,
      startsAt: '2026-04-02T13:00:00Z',
      endsAt: '2026-04-02T15:00:00Z',
      sessions: [
        {
          interviewId: sessionIds[0],
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

  it('accepts real UTC instants only: no offset, no rollover, seconds given', () => {
    for (const startsAt of [
      '2026-03-30T10:00:00+01:00',
      '2026-02-30T09:00:00Z',
      '2026-03-30T24:00:00Z',
      '2026-03-30T09:00Z',
      '1999-12-31T09:00:00Z',
    ]) {
      expect(problems('InterviewScheduled', { ...scheduled.data, startsAt })).toEqual([
        expect.objectContaining({ field: 'startsAt', rule: 'instant' }),
      ]);
    }
  });

  it('names the field and rule of what is wrong with malformed data', () => {
    const fieldsAndRules = (type: string, data: unknown) =>
      problems(type, data).map(({ field, rule }) => `${field}:${rule}`);
    expect(
      fieldsAndRules('InterviewScheduled', {
        ...scheduled.data,
        format: 'carrier-pigeon',
        panel: [{ interviewerId: 'grace', role: 'boss' }],
        videoLink: 'not a link',
        candidateTimeZone: 'Mars/Olympus_Mons',
      }),
    ).toEqual(
      expect.arrayContaining([
        'format:enum',
        'panel.0.role:enum',
        'videoLink:url',
        'candidateTimeZone:timeZone',
      ]),
    );
    expect(
      fieldsAndRules('InterviewerAvailabilitySet', {
        interviewerId: 'grace',
        timeZone: 'Europe/London',
        workingHours: [{ weekday: 8, start: '9:00', end: '24:00' }],
        dailyInterviewLimit: 0,
      }),
    ).toEqual(
      expect.arrayContaining([
        'workingHours.0.weekday:enum',
        'workingHours.0.start:wallClock',
        'workingHours.0.end:wallClock',
        'dailyInterviewLimit:minimum',
      ]),
    );
    expect(
      fieldsAndRules('InterviewRescheduled', { candidateId, interviewId, version: 1 }),
    ).toEqual(expect.arrayContaining(['version:minimum', 'reason:required']));
  });

  it('names each interviewer calendar stream after the interviewer', () => {
    expect(interviewerCalendarStreamName('grace')).toBe('interviewer-calendar-grace');
    expect(interviewerIdOfCalendarStream('interviewer-calendar-grace')).toBe('grace');
    expect(interviewerIdOfCalendarStream('candidate-grace')).toBeUndefined();
  });
});
