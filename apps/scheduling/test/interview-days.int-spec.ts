import { randomUUID } from 'node:crypto';
import { interviewer, schedulingFixtures } from './support/scheduling-fixtures';
import { useServiceApp } from '@hirestream/testing';

type Json = Record<string, unknown>;
type Problem = { status: number; rule?: string; detail?: string; errors?: { field: string }[] };
type DayView = {
  dayId: string;
  startsAt: string;
  sessions: { interviewId: string; startsAt: string; status: string; history: unknown[] }[];
  breaks: { startsAt: string }[];
};
type Agenda = {
  timeZone: string;
  items: { kind: string; title: string; start: string; end: string; utcOffset: string }[];
  text: string;
};

const scheduling = useServiceApp('scheduling');
const { interviewingCandidate, heldSlots, slotStarts, eventTypes } = schedulingFixtures(
  () => scheduling.store,
);
let coordinator: string;
beforeAll(async () => {
  coordinator = await scheduling.bearer('coordinator');
});

const session = (title: string, lead: string, startsAt: string, endsAt: string): Json => ({
  title,
  kind: 'technical',
  round: 2,
  format: 'in-person',
  location: 'HQ, room 4',
  panel: [{ interviewerId: lead, role: 'lead' }],
  startsAt,
  endsAt,
});

/**
 * 09:00–10:00 and 10:00–11:00 UTC sessions, lunch 11:00–12:00, a 12:00–13:00
 * session, in summer (London is UTC+1).
 */
function day(leads: readonly string[], overrides: Json = {}): Json {
  return {
    candidateTimeZone: 'Europe/London',
    sessions: [
      session('Coding', leads[0], '2030-07-02T09:00:00Z', '2030-07-02T10:00:00Z'),
      session('System design', leads[1], '2030-07-02T10:00:00Z', '2030-07-02T11:00:00Z'),
      session('Hiring manager', leads[2], '2030-07-02T12:00:00Z', '2030-07-02T13:00:00Z'),
    ],
    breaks: [{ title: 'Lunch', startsAt: '2030-07-02T11:00:00Z', endsAt: '2030-07-02T12:00:00Z' }],
    ...overrides,
  };
}

async function scheduleDay(candidateId: string, body: Json, authorization = coordinator) {
  return scheduling.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interview-days`,
    payload: body,
    headers: { authorization },
  });
}

async function agendaOf(candidateId: string, dayId: string, authorization = coordinator) {
  return scheduling.inject({
    method: 'GET',
    url: `/candidates/${candidateId}/interview-days/${dayId}/agenda`,
    headers: { authorization },
  });
}

const leads = (): string[] => [interviewer('coding'), interviewer('design'), interviewer('hm')];

describe('interview days', () => {
  it("schedules three sessions and a lunch break, each panelist's calendar holding its session", async () => {
    const candidateId = await interviewingCandidate();
    const panel = leads();
    const response = await scheduleDay(candidateId, day(panel));
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"2"');
    const body = response.json<DayView>();
    expect(body.sessions.map((s) => s.startsAt)).toEqual([
      '2030-07-02T09:00:00Z',
      '2030-07-02T10:00:00Z',
      '2030-07-02T12:00:00Z',
    ]);
    for (const [i, lead] of panel.entries()) {
      expect(await heldSlots(lead)).toEqual([body.sessions[i].interviewId]);
    }
    expect(await eventTypes(candidateId)).toEqual([
      'CandidateRegistered',
      'CandidateStageChanged',
      'InterviewDayScheduled',
    ]);
  });

  it('refuses a day whose one session clashes with 409 naming it, and holds nothing', async () => {
    const busy = leads();
    const taken = await scheduleDay(await interviewingCandidate(), day(busy));
    expect(taken.statusCode).toBe(201);
    const candidateId = await interviewingCandidate();
    const [first, second] = [interviewer('first'), interviewer('second')];
    // Only the third session's lead is already booked (by the other candidate's day).
    const clash = await scheduleDay(candidateId, day([first, second, busy[2]]));
    expect(clash.statusCode).toBe(409);
    const problem = clash.json<Problem>();
    expect(problem.rule).toBe('interviewer-double-booked');
    expect(problem.detail).toContain(busy[2]);
    expect(await heldSlots(first)).toEqual([]);
    expect(await heldSlots(second)).toEqual([]);
    expect(await heldSlots(busy[2])).toHaveLength(1);
    expect(await eventTypes(candidateId)).not.toContain('InterviewDayScheduled');
  });

  it('answers a stale If-Match with 409 before touching any calendar, and repeats an Idempotency-Key', async () => {
    const candidateId = await interviewingCandidate();
    const panel = leads();
    const url = `/candidates/${candidateId}/interview-days`;
    const stale = await scheduling.inject({
      method: 'POST',
      url,
      payload: day(panel),
      headers: { authorization: coordinator, 'if-match': '"7"' },
    });
    expect(stale.statusCode).toBe(409);
    for (const lead of panel) expect(await heldSlots(lead)).toEqual([]);
    const headers = { authorization: coordinator, 'idempotency-key': randomUUID() };
    const first = await scheduling.inject({
      method: 'POST',
      url,
      payload: day(panel),
      headers,
    });
    const again = await scheduling.inject({
      method: 'POST',
      url,
      payload: day(panel),
      headers,
    });
    expect(first.statusCode).toBe(201);
    expect(again.json<DayView>().dayId).toBe(first.json<DayView>().dayId);
    expect(
      (await eventTypes(candidateId)).filter((t) => t === 'InterviewDayScheduled'),
    ).toHaveLength(1);
  });

  it.each([
    ['a gap between sessions', { breaks: [] }, 'interview-day-not-back-to-back'],
    [
      'a day starting with a break',
      {
        breaks: [
          { title: 'Lunch', startsAt: '2030-07-02T11:00:00Z', endsAt: '2030-07-02T12:00:00Z' },
          { title: 'Coffee', startsAt: '2030-07-02T08:30:00Z', endsAt: '2030-07-02T09:00:00Z' },
        ],
      },
      'interview-day-starts-or-ends-with-break',
    ],
  ])('refuses %s with 409 and the rule, touching no calendar', async (_case, overrides, rule) => {
    const candidateId = await interviewingCandidate();
    const panel = leads();
    const response = await scheduleDay(candidateId, day(panel, overrides));
    expect(response.statusCode).toBe(409);
    expect(response.json<Problem>().rule).toBe(rule);
    for (const lead of panel) expect(await heldSlots(lead)).toEqual([]);
  });

  it("shows the agenda in the candidate's local time: London in summer, not UTC", async () => {
    const candidateId = await interviewingCandidate();
    const { dayId } = (await scheduleDay(candidateId, day(leads()))).json<DayView>();
    const response = await agendaOf(candidateId, dayId);
    expect(response.statusCode).toBe(200);
    const agenda = response.json<Agenda>();
    expect(agenda.timeZone).toBe('Europe/London');
    expect(agenda.items.map(({ kind, title, start, end }) => [kind, title, start, end])).toEqual([
      ['session', 'Coding', '10:00', '11:00'],
      ['session', 'System design', '11:00', '12:00'],
      ['break', 'Lunch', '12:00', '13:00'],
      ['session', 'Hiring manager', '13:00', '14:00'],
    ]);
    expect(agenda.text).toContain('Times are in Europe/London (GMT+01:00).');

    const utcCandidate = await interviewingCandidate();
    const utcDay = (
      await scheduleDay(utcCandidate, day(leads(), { candidateTimeZone: 'UTC' }))
    ).json<DayView>();
    const utc = (await agendaOf(utcCandidate, utcDay.dayId)).json<Agenda>();
    expect(utc.items[0]).toMatchObject({ start: '09:00', end: '10:00' });
  });

  it("lets the candidate read their own agenda, not another's (403)", async () => {
    const candidateId = await interviewingCandidate();
    const { dayId } = (await scheduleDay(candidateId, day(leads()))).json<DayView>();
    const own = await scheduling.bearer('candidate', 'cand-1', candidateId);
    expect((await agendaOf(candidateId, dayId, own)).statusCode).toBe(200);
    const other = await scheduling.bearer('candidate', 'cand-2', randomUUID());
    expect((await agendaOf(candidateId, dayId, other)).statusCode).toBe(403);
    expect((await agendaOf(candidateId, randomUUID())).statusCode).toBe(404);
  });

  it('lets only recruiters, coordinators and admins schedule a day', async () => {
    const candidateId = await interviewingCandidate();
    const candidate = await scheduling.bearer('candidate', 'cand-1', candidateId);
    const interviewerToken = await scheduling.bearer('interviewer', 'interviewer-1');
    for (const authorization of [candidate, interviewerToken]) {
      expect((await scheduleDay(candidateId, day(leads()), authorization)).statusCode).toBe(403);
    }
  });

  describe('rescheduling and cancelling the whole day', () => {
    const dayAction = (candidateId: string, dayId: string, action: string, payload: Json) =>
      scheduling.inject({
        method: 'POST',
        url: `/candidates/${candidateId}/interview-days/${dayId}/${action}`,
        payload,
        headers: { authorization: coordinator },
      });

    it("moves every session, break and panel reservation by one offset, keeping each session's history", async () => {
      const candidateId = await interviewingCandidate();
      const panel = leads();
      const { dayId, sessions } = (await scheduleDay(candidateId, day(panel))).json<DayView>();
      const response = await dayAction(candidateId, dayId, 'reschedule', {
        startsAt: '2030-07-03T13:00:00Z',
        reason: 'the hiring manager is travelling',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"3"');
      const moved = response.json<DayView>();
      expect(moved.startsAt).toBe('2030-07-03T13:00:00.000Z');
      expect(moved.sessions.map((s) => [s.startsAt, s.status, s.history.length])).toEqual([
        ['2030-07-03T13:00:00.000Z', 'scheduled', 2],
        ['2030-07-03T14:00:00.000Z', 'scheduled', 2],
        ['2030-07-03T16:00:00.000Z', 'scheduled', 2],
      ]);
      expect(moved.breaks[0].startsAt).toBe('2030-07-03T15:00:00.000Z');
      for (const [i, lead] of panel.entries()) {
        expect(await heldSlots(lead)).toEqual([sessions[i].interviewId]);
      }
      // The old time is free again: another candidate's day can take the same panel then.
      expect((await scheduleDay(await interviewingCandidate(), day(panel))).statusCode).toBe(201);
      const agenda = (await agendaOf(candidateId, dayId)).json<Agenda>();
      expect(agenda.items[0]).toMatchObject({ start: '14:00', end: '15:00' });
    });

    it('refuses a new time clashing with a panelist, moving no calendar', async () => {
      const candidateId = await interviewingCandidate();
      const panel = leads();
      const { dayId } = (await scheduleDay(candidateId, day(panel))).json<DayView>();
      // The third lead is taken on the 4th at 12:00 UTC, where the day would put their session.
      const other = day([interviewer('x'), interviewer('y'), panel[2]]);
      const taken = await scheduleDay(await interviewingCandidate(), {
        ...other,
        sessions: (other.sessions as Json[]).map((s) => ({
          ...s,
          startsAt: (s.startsAt as string).replace('07-02', '07-04'),
          endsAt: (s.endsAt as string).replace('07-02', '07-04'),
        })),
        breaks: [
          { title: 'Lunch', startsAt: '2030-07-04T11:00:00Z', endsAt: '2030-07-04T12:00:00Z' },
        ],
      });
      expect(taken.statusCode).toBe(201);
      const clash = await dayAction(candidateId, dayId, 'reschedule', {
        startsAt: '2030-07-04T09:00:00Z',
        reason: 'moved',
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json<Problem>()).toMatchObject({ rule: 'interviewer-double-booked' });
      expect(clash.json<Problem>().detail).toContain(panel[2]);
      const agenda = (await agendaOf(candidateId, dayId)).json<Agenda>();
      expect(agenda.items[0]).toMatchObject({ start: '10:00', end: '11:00' });
      // The first two leads' slots were moved, then moved back when the third refused.
      expect(await slotStarts(panel[0])).toEqual(['2030-07-02T09:00:00.000Z']);
      expect(await slotStarts(panel[1])).toEqual(['2030-07-02T10:00:00.000Z']);
    });

    it('cancels every open session in one request and frees every panel', async () => {
      const candidateId = await interviewingCandidate();
      const panel = leads();
      const { dayId } = (await scheduleDay(candidateId, day(panel))).json<DayView>();
      const response = await dayAction(candidateId, dayId, 'cancellation', {
        reason: 'the role was filled',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<DayView>().sessions.map((s) => s.status)).toEqual([
        'cancelled',
        'cancelled',
        'cancelled',
      ]);
      for (const lead of panel) expect(await heldSlots(lead)).toEqual([]);
      const twice = await dayAction(candidateId, dayId, 'cancellation', { reason: 'again' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json<Problem>().rule).toBe('interview-day-closed');
      const moveCancelled = await dayAction(candidateId, dayId, 'reschedule', {
        startsAt: '2030-07-09T09:00:00Z',
        reason: 'x',
      });
      expect(moveCancelled.json<Problem>().rule).toBe('interview-day-closed');
    });

    it('answers an unknown day with 404, a bad start with 400 naming it, and an interviewer with 403', async () => {
      const candidateId = await interviewingCandidate();
      const unknown = await dayAction(candidateId, randomUUID(), 'cancellation', { reason: 'x' });
      expect(unknown.statusCode).toBe(404);
      const { dayId } = (await scheduleDay(candidateId, day(leads()))).json<DayView>();
      const bad = await dayAction(candidateId, dayId, 'reschedule', {
        startsAt: 'next tuesday',
        reason: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<Problem>().errors?.map((e) => e.field)).toEqual(['startsAt']);
      const forbidden = await scheduling.inject({
        method: 'POST',
        url: `/candidates/${candidateId}/interview-days/${dayId}/cancellation`,
        payload: { reason: 'x' },
        headers: { authorization: await scheduling.bearer('interviewer', 'interviewer-1') },
      });
      expect(forbidden.statusCode).toBe(403);
    });
  });

  describe('bad input', () => {
    const valid = day(['a', 'b', 'c']);
    const sessions = valid.sessions as Json[];
    const withSession = (i: number, change: Json): Json => ({
      ...valid,
      sessions: sessions.map((s, j) => (j === i ? { ...s, ...change } : s)),
    });
    it.each([
      [
        'an unknown panel role',
        withSession(1, { panel: [{ interviewerId: 'x', role: 'boss' }] }),
        'sessions.1.panel.0.role',
      ],
      [
        'a session start with an offset',
        withSession(0, { startsAt: '09:00' }),
        'sessions.0.startsAt',
      ],
      ['an unknown session kind', withSession(2, { kind: 'chat' }), 'sessions.2.kind'],
      [
        'a break without a title',
        {
          ...valid,
          breaks: [{ startsAt: '2030-07-02T11:00:00Z', endsAt: '2030-07-02T12:00:00Z' }],
        },
        'breaks.0.title',
      ],
      ['missing sessions', { ...valid, sessions: undefined }, 'sessions'],
      [
        'an unknown time zone',
        { ...valid, candidateTimeZone: 'Mars/Olympus' },
        'candidateTimeZone',
      ],
      ['an unknown field', { ...valid, salary: 1 }, 'salary'],
    ])('answers %s with a 400 naming the field', async (_case, body, field) => {
      const response = await scheduleDay(await interviewingCandidate(), body);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
    });
  });
});
