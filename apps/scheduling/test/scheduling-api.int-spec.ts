import { candidateStreamName, serviceEventsTopic } from '@hirestream/contracts';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { interviewer, schedulingFixtures } from './support/scheduling-fixtures';
import { useServiceApp } from '@hirestream/testing';

type Json = Record<string, unknown>;
type Problem = { status: number; rule?: string; detail?: string; errors?: { field: string }[] };

const scheduling = useServiceApp('scheduling');
const { interviewingCandidate, calendarOf, heldSlots, eventTypes } = schedulingFixtures(
  () => scheduling.store,
);
let coordinator: string;
beforeAll(async () => {
  coordinator = await scheduling.bearer('coordinator');
});

const interview = (panel: Json[], overrides: Json = {}): Json => ({
  kind: 'technical',
  round: 1,
  format: 'video',
  startsAt: '2030-03-04T09:00:00Z',
  endsAt: '2030-03-04T10:00:00Z',
  candidateTimeZone: 'Europe/London',
  videoLink: 'https://meet.example.org/abc',
  panel,
  ...overrides,
});

async function schedule(candidateId: string, body: Json, headers: Record<string, string> = {}) {
  return scheduling.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interviews`,
    payload: body,
    headers: { authorization: coordinator, ...headers },
  });
}

/** When the interviewer's calendar holds the interview, as UTC instants. */
async function slotTime(interviewerId: string, interviewId: string): Promise<string[]> {
  const slot = (await calendarOf(interviewerId)).slots.get(interviewId);
  return slot === undefined
    ? []
    : [new Date(slot.interval.start).toISOString(), new Date(slot.interval.end).toISOString()];
}

describe('scheduling API', () => {
  describe('schedule an interview', () => {
    it('reads, decides and appends once per stream: the candidate and each panelist', async () => {
      const candidateId = await interviewingCandidate();
      const [lead, notes] = [interviewer('lead'), interviewer('notes')];
      const panel = [
        { interviewerId: lead, role: 'lead' },
        { interviewerId: notes, role: 'note-taker' },
      ];
      // A first booking for the same candidate, so its stream is known to the service.
      expect((await schedule(candidateId, interview([panel[0]]))).statusCode).toBe(201);
      const calls: string[] = [];
      const stop = scheduling.activity.subscribe(({ streamName, kind }) =>
        calls.push(`${kind} ${streamName}`),
      );
      try {
        const booked = await schedule(
          candidateId,
          interview(panel, {
            startsAt: '2030-03-05T09:00:00Z',
            endsAt: '2030-03-05T10:00:00Z',
          }),
        );
        expect(booked.statusCode).toBe(201);
      } finally {
        stop();
      }
      const perStream = (kind: string) =>
        calls.filter((call) => call.startsWith(`${kind} `)).sort();
      const streams = [
        `candidate-${candidateId}`,
        `interviewer-calendar-${lead}`,
        `interviewer-calendar-${notes}`,
      ].sort();
      for (const kind of ['read', 'decide', 'append']) {
        expect(perStream(kind)).toEqual(streams.map((stream) => `${kind} ${stream}`));
      }
      expect(calls).toHaveLength(9);
    });

    it("reserves every panelist's calendar and records the interview for the candidate", async () => {
      const candidateId = await interviewingCandidate();
      const [lead, notes] = [interviewer('lead'), interviewer('notes')];
      const response = await schedule(
        candidateId,
        interview([
          { interviewerId: lead, role: 'lead' },
          { interviewerId: notes, role: 'note-taker' },
        ]),
        { 'if-match': '"1"' },
      );
      expect(response.statusCode).toBe(201);
      const body = response.json<{ interviewId: string }>();
      expect(body).toMatchObject({
        candidateId,
        kind: 'technical',
        status: 'scheduled',
        startsAt: '2030-03-04T09:00:00Z',
        panel: [
          { interviewerId: lead, role: 'lead' },
          { interviewerId: notes, role: 'note-taker' },
        ],
      });
      expect(response.headers.location).toBe(
        `/candidates/${candidateId}/interviews/${body.interviewId}`,
      );
      expect(response.headers.etag).toBe('"2"');
      expect(await heldSlots(lead)).toEqual([body.interviewId]);
      expect(await heldSlots(notes)).toEqual([body.interviewId]);
      const { events } = await scheduling.store.readStream(candidateStreamName(candidateId));
      expect(events[2]).toMatchObject({
        event: { type: 'InterviewScheduled' },
        metadata: { actor: { id: 'coordinator-1', role: 'coordinator' } },
      });
    });

    it('refuses an interviewer already booked for another candidate with 409 naming the clash, and records nothing', async () => {
      const [first, second] = [await interviewingCandidate(), await interviewingCandidate()];
      const [busy, free] = [interviewer('busy'), interviewer('free')];
      const booked = await schedule(first, interview([{ interviewerId: busy, role: 'lead' }]));
      expect(booked.statusCode).toBe(201);
      const bookedId = booked.json<{ interviewId: string }>().interviewId;

      const clash = await schedule(
        second,
        interview(
          [
            { interviewerId: free, role: 'lead' },
            { interviewerId: busy, role: 'shadow' },
          ],
          { startsAt: '2030-03-04T09:30:00Z', endsAt: '2030-03-04T10:30:00Z' },
        ),
      );
      expect(clash.statusCode).toBe(409);
      const problem = clash.json<Problem>();
      expect(problem.rule).toBe('interviewer-double-booked');
      expect(problem.detail).toContain(bookedId);
      expect(await eventTypes(second)).toEqual(['CandidateRegistered', 'CandidateStageChanged']);
      // The panelist reserved before the clash was found is released again.
      expect(await heldSlots(free)).toEqual([]);
      expect(await heldSlots(busy)).toEqual([bookedId]);
    });

    it('books back-to-back interviews for one interviewer: touching edges do not clash', async () => {
      const [first, second] = [await interviewingCandidate(), await interviewingCandidate()];
      const lead = interviewer('lead');
      expect(
        (await schedule(first, interview([{ interviewerId: lead, role: 'lead' }]))).statusCode,
      ).toBe(201);
      const next = await schedule(
        second,
        interview([{ interviewerId: lead, role: 'lead' }], {
          startsAt: '2030-03-04T10:00:00Z',
          endsAt: '2030-03-04T11:00:00Z',
        }),
      );
      expect(next.statusCode).toBe(201);
      expect(await heldSlots(lead)).toHaveLength(2);
    });

    it('refuses to double-book the candidate, touching no calendar', async () => {
      const candidateId = await interviewingCandidate();
      const [one, two] = [interviewer('one'), interviewer('two')];
      expect(
        (await schedule(candidateId, interview([{ interviewerId: one, role: 'lead' }]))).statusCode,
      ).toBe(201);
      const again = await schedule(
        candidateId,
        interview([{ interviewerId: two, role: 'lead' }], {
          startsAt: '2030-03-04T09:45:00Z',
          endsAt: '2030-03-04T10:15:00Z',
        }),
      );
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().rule).toBe('candidate-double-booked');
      expect(await heldSlots(two)).toEqual([]);
    });

    it('releases the reservations when two overlapping requests race for one candidate and only one is recorded', async () => {
      const candidateId = await interviewingCandidate();
      const [one, two] = [interviewer('one'), interviewer('two')];
      const responses = await Promise.all([
        schedule(candidateId, interview([{ interviewerId: one, role: 'lead' }])),
        schedule(candidateId, interview([{ interviewerId: two, role: 'lead' }])),
      ]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = responses[0].statusCode === 409 ? one : two;
      expect(await heldSlots(loser)).toEqual([]);
      expect(
        (await eventTypes(candidateId)).filter((t) => t === 'InterviewScheduled'),
      ).toHaveLength(1);
    });

    it('answers a stale If-Match with 409 before touching any calendar', async () => {
      const candidateId = await interviewingCandidate();
      const lead = interviewer('lead');
      const response = await schedule(
        candidateId,
        interview([{ interviewerId: lead, role: 'lead' }]),
        { 'if-match': '"0"' },
      );
      expect(response.statusCode).toBe(409);
      expect(await heldSlots(lead)).toEqual([]);
    });

    it('refuses by the rules of the process: unknown candidate 404, a panel without a lead, a time in the past', async () => {
      const lead = interviewer('lead');
      const missing = await schedule(
        randomUUID(),
        interview([{ interviewerId: lead, role: 'lead' }]),
      );
      expect(missing.statusCode).toBe(404);
      const candidateId = await interviewingCandidate();
      const noLead = await schedule(
        candidateId,
        interview([{ interviewerId: lead, role: 'shadow' }]),
      );
      expect(noLead.statusCode).toBe(409);
      expect(noLead.json<Problem>().rule).toBe('panel-needs-one-lead');
      const past = await schedule(
        candidateId,
        interview([{ interviewerId: lead, role: 'lead' }], {
          startsAt: '2020-03-04T09:00:00Z',
          endsAt: '2020-03-04T10:00:00Z',
        }),
      );
      expect(past.json<Problem>().rule).toBe('in-the-past');
      expect(await heldSlots(lead)).toEqual([]);
    });

    it('returns the first result for a repeated Idempotency-Key without booking twice', async () => {
      const candidateId = await interviewingCandidate();
      const lead = interviewer('lead');
      const headers = { 'idempotency-key': `schedule-${candidateId}` };
      const body = interview([{ interviewerId: lead, role: 'lead' }]);
      const first = await schedule(candidateId, body, headers);
      const repeat = await schedule(candidateId, body, headers);
      expect(first.statusCode).toBe(201);
      expect(repeat.json()).toEqual(first.json());
      expect(await heldSlots(lead)).toHaveLength(1);
    });
  });

  describe('who may schedule', () => {
    it('answers 401 without a token and 403 for an interviewer or the candidate', async () => {
      const candidateId = await interviewingCandidate();
      const body = interview([{ interviewerId: interviewer('lead'), role: 'lead' }]);
      const anonymous = await scheduling.inject({
        method: 'POST',
        url: `/candidates/${candidateId}/interviews`,
        payload: body,
      });
      expect(anonymous.statusCode).toBe(401);
      for (const authorization of [
        await scheduling.bearer('interviewer', 'interviewer-1'),
        await scheduling.bearer('candidate', 'cand-1', candidateId),
        await scheduling.bearer('auditor', 'auditor-1'),
      ]) {
        expect((await schedule(candidateId, body, { authorization })).statusCode).toBe(403);
      }
      const recruiter = await scheduling.bearer('recruiter', 'recruiter-1');
      expect((await schedule(candidateId, body, { authorization: recruiter })).statusCode).toBe(
        201,
      );
    });
  });

  describe('bad input', () => {
    const lead = { interviewerId: 'lead-1', role: 'lead' };
    it.each([
      ['a missing kind', interview([lead], { kind: undefined }), 'kind'],
      ['an unknown kind', interview([lead], { kind: 'chat' }), 'kind'],
      ['a round of zero', interview([lead], { round: 0 }), 'round'],
      ['a fractional round', interview([lead], { round: 1.5 }), 'round'],
      ['an unknown format', interview([lead], { format: 'carrier-pigeon' }), 'format'],
      [
        'a start with an offset',
        interview([lead], { startsAt: '2030-03-04T09:00:00+01:00' }),
        'startsAt',
      ],
      ['an end that is not a time', interview([lead], { endsAt: 'tomorrow' }), 'endsAt'],
      [
        'an unknown time zone',
        interview([lead], { candidateTimeZone: 'Mars/Olympus' }),
        'candidateTimeZone',
      ],
      [
        'a video link that is not a URL',
        interview([lead], { videoLink: 'not a link' }),
        'videoLink',
      ],
      ['an empty location', interview([lead], { location: '' }), 'location'],
      ['an empty panel', interview([]), 'panel'],
      ['a panel that is not a list', interview([lead], { panel: 'lead-1' }), 'panel'],
      ['a panelist without an id', interview([{ role: 'lead' }]), 'panel.0.interviewerId'],
      ['an unknown panel role', interview([{ interviewerId: 'x', role: 'boss' }]), 'panel.0.role'],
      ['an unknown panelist field', interview([{ ...lead, seat: 3 }]), 'panel.0.seat'],
      [
        'a blank override reason',
        interview([lead], { override: { reason: '  ' } }),
        'override.reason',
      ],
      ['an unknown field', interview([lead], { salary: 100 }), 'salary'],
    ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
      const response = await schedule(await interviewingCandidate(), body);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
    });

    it('answers a candidate id that is not a UUID with a 400 naming id', async () => {
      const response = await schedule('not-a-uuid', interview([lead]));
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain('id');
    });
  });

  describe('interview lifecycle', () => {
    async function post(url: string, body: Json = {}, authorization = coordinator) {
      return scheduling.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { authorization },
      });
    }

    /** A candidate with one interview on a fresh panel (lead, note taker). */
    async function scheduled(overrides: Json = {}) {
      const candidateId = await interviewingCandidate();
      const [lead, notes] = [interviewer('lead'), interviewer('notes')];
      const response = await schedule(
        candidateId,
        interview(
          [
            { interviewerId: lead, role: 'lead' },
            { interviewerId: notes, role: 'note-taker' },
          ],
          overrides,
        ),
      );
      expect(response.statusCode).toBe(201);
      const { interviewId } = response.json<{ interviewId: string }>();
      return {
        candidateId,
        interviewId,
        lead,
        notes,
        url: `/candidates/${candidateId}/interviews/${interviewId}`,
      };
    }

    /** An interview that has already begun, as if scheduled earlier: the API refuses to book the past. */
    async function startedInterview(panel: Json[]) {
      const candidateId = await interviewingCandidate();
      const interviewId = randomUUID();
      const startsAt = new Date(Date.now() - 30 * 60_000).toISOString();
      await scheduling.store.append(
        candidateStreamName(candidateId),
        [
          {
            type: 'InterviewScheduled',
            data: {
              candidateId,
              interviewId,
              kind: 'first',
              round: 1,
              format: 'phone',
              location: null,
              videoLink: null,
              panel,
              startsAt,
              endsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
              candidateTimeZone: 'UTC',
            },
          },
        ],
        1n,
        {
          actor: { id: 'coordinator-1', role: 'coordinator' },
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      );
      return `/candidates/${candidateId}/interviews/${interviewId}`;
    }

    it("lets the candidate confirm their own interview, once, and nobody else's", async () => {
      const { candidateId, url } = await scheduled();
      const other = await scheduled();
      const candidate = await scheduling.bearer('candidate', 'cand-1', candidateId);
      expect((await post(`${other.url}/confirmation`, {}, candidate)).statusCode).toBe(403);
      const confirmed = await post(`${url}/confirmation`, {}, candidate);
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
      const again = await post(`${url}/confirmation`, {}, candidate);
      expect(again.statusCode).toBe(409);
      expect(again.json<Problem>().rule).toBe('interview-already-confirmed');
      const { events } = await scheduling.store.readStream(candidateStreamName(candidateId));
      expect(events.at(-1)).toMatchObject({
        event: { type: 'InterviewConfirmed' },
        metadata: { actor: { id: 'cand-1', role: 'candidate' } },
      });
    });

    it('answers 404 for an interview the candidate does not have', async () => {
      const { candidateId } = await scheduled();
      const response = await post(
        `/candidates/${candidateId}/interviews/${randomUUID()}/confirmation`,
      );
      expect(response.statusCode).toBe(404);
    });

    it("reschedules, moving every panelist's reservation and keeping each version, and asks for confirmation again", async () => {
      const { candidateId, url, lead, notes, interviewId } = await scheduled();
      const candidate = await scheduling.bearer('candidate', 'cand-1', candidateId);
      expect((await post(`${url}/confirmation`, {}, candidate)).statusCode).toBe(200);
      const moved = await post(`${url}/reschedule`, {
        startsAt: '2030-03-05T13:00:00Z',
        endsAt: '2030-03-05T14:00:00Z',
        reason: 'the lead is travelling',
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({
        status: 'scheduled',
        startsAt: '2030-03-05T13:00:00Z',
        history: [
          { version: 1, startsAt: '2030-03-04T09:00:00Z', reason: null },
          { version: 2, startsAt: '2030-03-05T13:00:00Z', reason: 'the lead is travelling' },
        ],
      });
      for (const panelist of [lead, notes]) {
        expect(await slotTime(panelist, interviewId)).toEqual([
          '2030-03-05T13:00:00.000Z',
          '2030-03-05T14:00:00.000Z',
        ]);
      }
    });

    it("refuses a reschedule into a panelist's clash and moves the calendars already changed back", async () => {
      const { url, lead, notes, interviewId } = await scheduled();
      const elsewhere = await interviewingCandidate();
      const blocking = await schedule(
        elsewhere,
        interview([{ interviewerId: notes, role: 'lead' }], {
          startsAt: '2030-03-06T09:00:00Z',
          endsAt: '2030-03-06T10:00:00Z',
        }),
      );
      expect(blocking.statusCode).toBe(201);
      const moved = await post(`${url}/reschedule`, {
        startsAt: '2030-03-06T09:30:00Z',
        endsAt: '2030-03-06T10:30:00Z',
        reason: 'room change',
      });
      expect(moved.statusCode).toBe(409);
      expect(moved.json<Problem>()).toMatchObject({ rule: 'interviewer-double-booked' });
      expect(moved.json<Problem>().detail).toContain(
        blocking.json<{ interviewId: string }>().interviewId,
      );
      for (const panelist of [lead, notes]) {
        expect(await slotTime(panelist, interviewId)).toEqual([
          '2030-03-04T09:00:00.000Z',
          '2030-03-04T10:00:00.000Z',
        ]);
      }
    });

    it('refuses a reschedule into the past, to the same time, or without a reason', async () => {
      const { url } = await scheduled();
      const past = await post(`${url}/reschedule`, {
        startsAt: '2020-03-05T13:00:00Z',
        endsAt: '2020-03-05T14:00:00Z',
        reason: 'oops',
      });
      expect(past.json<Problem>()).toMatchObject({ status: 409, rule: 'in-the-past' });
      const same = await post(`${url}/reschedule`, {
        startsAt: '2030-03-04T09:00:00Z',
        endsAt: '2030-03-04T10:00:00Z',
        reason: 'no change',
      });
      expect(same.json<Problem>()).toMatchObject({ status: 409, rule: 'interview-time-unchanged' });
      const noReason = await post(`${url}/reschedule`, {
        startsAt: '2030-03-05T13:00:00Z',
        endsAt: '2030-03-05T14:00:00Z',
      });
      expect(noReason.statusCode).toBe(400);
      expect(new Set(noReason.json<Problem>().errors?.map((e) => e.field))).toEqual(
        new Set(['reason']),
      );
    });

    it("cancels, freeing the panel's time, and refuses to cancel twice", async () => {
      const { url, lead, notes } = await scheduled();
      const blank = await post(`${url}/cancellation`, { reason: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json<Problem>().errors?.map((e) => e.field)).toContain('reason');
      const cancelled = await post(`${url}/cancellation`, { reason: 'role filled' });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'role filled',
      });
      expect(await heldSlots(lead)).toEqual([]);
      expect(await heldSlots(notes)).toEqual([]);
      const again = await post(`${url}/cancellation`, { reason: 'again' });
      expect(again.json<Problem>()).toMatchObject({ status: 409, rule: 'interview-closed' });
    });

    it('completes an interview once it has started, and never one still to come', async () => {
      const upcoming = await scheduled();
      const early = await post(`${upcoming.url}/completion`);
      expect(early.json<Problem>()).toMatchObject({ status: 409, rule: 'interview-not-started' });
      const url = await startedInterview([{ interviewerId: 'lead-1', role: 'lead' }]);
      const completed = await post(`${url}/completion`);
      expect(completed.statusCode).toBe(200);
      expect(completed.json()).toMatchObject({ status: 'completed' });
      const cancel = await post(`${url}/cancellation`, { reason: 'too late' });
      expect(cancel.json<Problem>()).toMatchObject({ status: 409, rule: 'interview-closed' });
    });

    it('records a no-show of the candidate or of a panel member, and only of someone on the panel', async () => {
      const panel = [{ interviewerId: 'lead-1', role: 'lead' }];
      const stranger = await post(`${await startedInterview(panel)}/no-show`, {
        party: 'interviewer',
        interviewerId: 'someone-else',
      });
      expect(stranger.json<Problem>()).toMatchObject({ status: 409, rule: 'not-on-panel' });
      const interviewerMissed = await post(`${await startedInterview(panel)}/no-show`, {
        party: 'interviewer',
        interviewerId: 'lead-1',
      });
      expect(interviewerMissed.json()).toMatchObject({
        status: 'no-show',
        noShow: { party: 'interviewer', interviewerId: 'lead-1' },
      });
      const candidateMissed = await post(`${await startedInterview(panel)}/no-show`, {
        party: 'candidate',
      });
      expect(candidateMissed.json()).toMatchObject({
        status: 'no-show',
        noShow: { party: 'candidate', interviewerId: null },
      });
    });

    it.each([
      ['an interviewer no-show without the interviewer', { party: 'interviewer' }, 'interviewerId'],
      [
        'a candidate no-show naming an interviewer',
        { party: 'candidate', interviewerId: 'lead-1' },
        'interviewerId',
      ],
      ['an unknown party', { party: 'recruiter' }, 'party'],
    ])('answers %s with a 400 naming the field', async (_case, body, field) => {
      const url = await startedInterview([{ interviewerId: 'lead-1', role: 'lead' }]);
      const response = await post(`${url}/no-show`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
    });

    it('answers an interview id that is not a UUID with a 400 naming interviewId', async () => {
      const { candidateId } = await scheduled();
      const response = await post(`/candidates/${candidateId}/interviews/nope/completion`);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain('interviewId');
    });

    it('lets only recruiters, coordinators and admins change interviews', async () => {
      const { candidateId, url } = await scheduled();
      const forbidden = [
        await scheduling.bearer('interviewer', 'interviewer-1'),
        await scheduling.bearer('auditor', 'auditor-1'),
        await scheduling.bearer('candidate', 'cand-1', candidateId),
      ];
      for (const authorization of forbidden) {
        expect((await post(`${url}/cancellation`, { reason: 'x' }, authorization)).statusCode).toBe(
          403,
        );
        expect(
          (
            await post(
              `${url}/reschedule`,
              { startsAt: '2030-03-05T13:00:00Z', endsAt: '2030-03-05T14:00:00Z', reason: 'x' },
              authorization,
            )
          ).statusCode,
        ).toBe(403);
      }
      const anonymous = await scheduling.inject({ method: 'POST', url: `${url}/completion` });
      expect(anonymous.statusCode).toBe(401);
    });

    it("lists the candidate's interviews, earliest first, to staff and to the candidate themself", async () => {
      const { candidateId, interviewId } = await scheduled({
        startsAt: '2030-03-04T15:00:00Z',
        endsAt: '2030-03-04T16:00:00Z',
      });
      const earlier = await schedule(
        candidateId,
        interview([{ interviewerId: interviewer('lead'), role: 'lead' }]),
      );
      const earlierId = earlier.json<{ interviewId: string }>().interviewId;
      const list = async (authorization: string) =>
        scheduling.inject({
          method: 'GET',
          url: `/candidates/${candidateId}/interviews`,
          headers: { authorization },
        });
      const asCoordinator = await list(coordinator);
      expect(asCoordinator.statusCode).toBe(200);
      expect(asCoordinator.headers.etag).toBe('"3"');
      expect(
        asCoordinator
          .json<{ interviews: { interviewId: string }[] }>()
          .interviews.map((i) => i.interviewId),
      ).toEqual([earlierId, interviewId]);
      expect(
        (await list(await scheduling.bearer('candidate', 'cand-1', candidateId))).statusCode,
      ).toBe(200);
      expect(
        (await list(await scheduling.bearer('candidate', 'cand-2', randomUUID()))).statusCode,
      ).toBe(403);
      expect((await list(await scheduling.bearer('interviewer', 'interviewer-1'))).statusCode).toBe(
        403,
      );
    });
  });

  describe('availability, calendars and find times', () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
    const availability = (overrides: Json = {}): Json => ({
      timeZone: 'Europe/London',
      workingHours: weekdays,
      dailyInterviewLimit: 3,
      ...overrides,
    });

    async function setAvailability(interviewerId: string, body: Json, authorization = coordinator) {
      return scheduling.inject({
        method: 'PUT',
        url: `/interviewers/${interviewerId}/availability`,
        payload: body,
        headers: { authorization },
      });
    }

    async function readCalendar(interviewerId: string, query: string, authorization = coordinator) {
      return scheduling.inject({
        method: 'GET',
        url: `/interviewers/${interviewerId}/calendar?${query}`,
        headers: { authorization },
      });
    }

    type Calendar = { bookings: { interviewId: string; startsAt: string }[] };

    /** The calendar once the projection shows `count` bookings: it is eventually consistent. */
    async function calendarWith(interviewerId: string, count: number): Promise<Calendar> {
      for (let attempt = 0; ; attempt += 1) {
        const calendar = (
          await readCalendar(interviewerId, 'from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z')
        ).json<Calendar>();
        if (calendar.bookings.length === count || attempt === 50) return calendar;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    async function findTimes(body: Json) {
      return scheduling.inject({
        method: 'POST',
        url: '/find-times',
        payload: body,
        headers: { authorization: coordinator },
      });
    }

    it('sets working hours, after which a booking outside them needs an override with a reason', async () => {
      const lead = interviewer('lead');
      const set = await setAvailability(lead, availability());
      expect(set.statusCode).toBe(200);
      expect(set.json()).toMatchObject({ interviewerId: lead, dailyInterviewLimit: 3 });
      const early = interview([{ interviewerId: lead, role: 'lead' }], {
        startsAt: '2030-03-04T07:00:00Z',
        endsAt: '2030-03-04T08:00:00Z',
      });
      const refused = await schedule(await interviewingCandidate(), early);
      expect(refused.json<Problem>()).toMatchObject({ status: 409, rule: 'outside-working-hours' });
      const overridden = await schedule(await interviewingCandidate(), {
        ...early,
        override: { reason: 'the candidate is in Singapore' },
      });
      expect(overridden.statusCode).toBe(201);
    });

    it('lets only coordinators and admins set availability, and refuses hours that end before they start', async () => {
      const lead = interviewer('lead');
      const asInterviewer = await scheduling.bearer('interviewer', lead);
      expect((await setAvailability(lead, availability(), asInterviewer)).statusCode).toBe(403);
      const backwards = await setAvailability(
        lead,
        availability({ workingHours: [{ weekday: 1, start: '17:00', end: '09:00' }] }),
      );
      expect(backwards.json<Problem>()).toMatchObject({
        status: 409,
        rule: 'invalid-working-hours',
      });
    });

    it.each([
      ['an unknown time zone', availability({ timeZone: 'Atlantis/Capital' }), 'timeZone'],
      [
        'a weekday 8',
        availability({ workingHours: [{ weekday: 8, start: '09:00', end: '17:00' }] }),
        'workingHours.0.weekday',
      ],
      [
        'a time that is not HH:MM',
        availability({ workingHours: [{ weekday: 1, start: '9am', end: '17:00' }] }),
        'workingHours.0.start',
      ],
      ['a limit of zero', availability({ dailyInterviewLimit: 0 }), 'dailyInterviewLimit'],
      ['an unknown field', availability({ lunch: '12:00' }), 'lunch'],
    ])('answers availability with %s with a 400 naming the field', async (_case, body, field) => {
      const response = await setAvailability(interviewer('lead'), body);
      expect(response.statusCode).toBe(400);
      expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
    });

    it("shows an interviewer their own calendar over a range, and nobody else's", async () => {
      const lead = interviewer('lead');
      const booked = await schedule(
        await interviewingCandidate(),
        interview([{ interviewerId: lead, role: 'lead' }]),
      );
      const { interviewId } = booked.json<{ interviewId: string }>();
      expect((await calendarWith(lead, 1)).bookings).toEqual([
        expect.objectContaining({ interviewId, startsAt: '2030-03-04T09:00:00.000Z' }),
      ]);
      const own = await readCalendar(
        lead,
        'from=2030-03-04T00:00:00Z&to=2030-03-05T00:00:00Z',
        await scheduling.bearer('interviewer', lead),
      );
      expect(own.statusCode).toBe(200);
      expect(own.json<Calendar>().bookings).toHaveLength(1);
      const later = await readCalendar(lead, 'from=2030-03-05T00:00:00Z&to=2030-03-06T00:00:00Z');
      expect(later.json<Calendar>().bookings).toEqual([]);
      const someoneElse = await readCalendar(
        lead,
        'from=2030-03-04T00:00:00Z&to=2030-03-05T00:00:00Z',
        await scheduling.bearer('interviewer', 'interviewer-x'),
      );
      expect(someoneElse.statusCode).toBe(403);
      const candidate = await scheduling.bearer('candidate', 'cand-1', randomUUID());
      expect(
        (await readCalendar(lead, 'from=2030-03-04T00:00:00Z&to=2030-03-05T00:00:00Z', candidate))
          .statusCode,
      ).toBe(403);
    });

    it.each([
      ['no from', 'to=2030-03-05T00:00:00Z', 'from'],
      ['a to before from', 'from=2030-03-05T00:00:00Z&to=2030-03-04T00:00:00Z', 'to'],
      ['a range over 62 days', 'from=2030-03-01T00:00:00Z&to=2030-06-01T00:00:00Z', 'to'],
      ['a local time', 'from=2030-03-04T00:00:00&to=2030-03-05T00:00:00Z', 'from'],
    ])(
      'answers a calendar read with %s with a 400 naming the field',
      async (_case, query, field) => {
        const response = await readCalendar('lead-1', query);
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
      },
    );

    it('proposes the earliest times the whole panel and the candidate are free, inside working hours', async () => {
      const [lead, notes] = [interviewer('lead'), interviewer('notes')];
      for (const panelist of [lead, notes]) {
        expect((await setAvailability(panelist, availability())).statusCode).toBe(200);
      }
      const candidateId = await interviewingCandidate();
      // Monday 4 March 2030 in London (GMT): lead busy 09–10, notes busy 10–11, the candidate 11–12.
      await schedule(
        await interviewingCandidate(),
        interview([{ interviewerId: lead, role: 'lead' }]),
      );
      await schedule(
        await interviewingCandidate(),
        interview([{ interviewerId: notes, role: 'lead' }], {
          startsAt: '2030-03-04T10:00:00Z',
          endsAt: '2030-03-04T11:00:00Z',
        }),
      );
      await schedule(
        candidateId,
        interview([{ interviewerId: interviewer('other'), role: 'lead' }], {
          startsAt: '2030-03-04T11:00:00Z',
          endsAt: '2030-03-04T12:00:00Z',
        }),
      );
      await calendarWith(lead, 1);
      await calendarWith(notes, 1);
      const request = {
        panel: [lead, notes],
        durationMinutes: 60,
        from: '2030-03-04T00:00:00Z',
        to: '2030-03-05T00:00:00Z',
        stepMinutes: 30,
        maxProposals: 3,
      };
      const panelOnly = await findTimes(request);
      expect(panelOnly.statusCode).toBe(200);
      expect(panelOnly.json()).toEqual({
        proposals: [
          { startsAt: '2030-03-04T11:00:00.000Z', endsAt: '2030-03-04T12:00:00.000Z' },
          { startsAt: '2030-03-04T11:30:00.000Z', endsAt: '2030-03-04T12:30:00.000Z' },
          { startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T13:00:00.000Z' },
        ],
      });
      const withCandidate = await findTimes({ ...request, candidateId, maxProposals: 1 });
      expect(withCandidate.json()).toEqual({
        proposals: [{ startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T13:00:00.000Z' }],
      });
    });

    it('refuses to propose times for a panelist without working hours', async () => {
      const response = await findTimes({
        panel: [interviewer('new')],
        durationMinutes: 60,
        from: '2030-03-04T00:00:00Z',
        to: '2030-03-05T00:00:00Z',
      });
      expect(response.json<Problem>()).toMatchObject({ status: 409, rule: 'availability-not-set' });
    });

    it.each([
      ['an empty panel', { panel: [] }, 'panel'],
      ['a panelist twice', { panel: ['a-1', 'a-1'] }, 'panel'],
      ['a duration of 5 minutes', { durationMinutes: 5 }, 'durationMinutes'],
      ['an odd step', { stepMinutes: 7 }, 'stepMinutes'],
      ['a candidate id that is not a UUID', { candidateId: 'c-1' }, 'candidateId'],
      ['a to before from', { to: '2030-03-03T00:00:00Z' }, 'to'],
    ])(
      'answers find times with %s with a 400 naming the field',
      async (_case, overrides, field) => {
        const response = await findTimes({
          panel: ['a-1'],
          durationMinutes: 60,
          from: '2030-03-04T00:00:00Z',
          to: '2030-03-05T00:00:00Z',
          ...overrides,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json<Problem>().errors?.map((e) => e.field)).toContain(field);
      },
    );

    it('lets only recruiters, coordinators and admins find times', async () => {
      const response = await scheduling.inject({
        method: 'POST',
        url: '/find-times',
        payload: {
          panel: ['a-1'],
          durationMinutes: 60,
          from: '2030-03-04T00:00:00Z',
          to: '2030-03-05T00:00:00Z',
        },
        headers: { authorization: await scheduling.bearer('interviewer', 'interviewer-1') },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  it("publishes the candidate's interview events keyed by candidate id, and never an interviewer's calendar", async () => {
    const candidateId = await interviewingCandidate();
    const lead = interviewer('lead');
    const booked = await schedule(candidateId, interview([{ interviewerId: lead, role: 'lead' }]));
    const { interviewId } = booked.json<{ interviewId: string }>();
    const cancel = await scheduling.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/interviews/${interviewId}/cancellation`,
      payload: { reason: 'role filled' },
      headers: { authorization: coordinator },
    });
    expect(cancel.statusCode).toBe(200);
    // Relayed in scheduling.store order: once this later booking is on the topic, everything before it is too.
    const marker = await interviewingCandidate();
    await schedule(marker, interview([{ interviewerId: interviewer('marker'), role: 'lead' }]));

    const kafka = new Kafka({
      brokers: [scheduling.servers.kafka.bootstrapAddress],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const topic = serviceEventsTopic('scheduling');
    const stored = async (): Promise<number> =>
      (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    const consumer = kafka.consumer({ groupId: `outside-subscriber-${candidateId}` });
    const seen: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
    // Partitions are read independently, so wait until every stored message has been read.
    for (let tries = 0; tries < 500; tries += 1) {
      if (seen.some((m) => m.key?.toString() === marker) && seen.length === (await stored())) break;
      await sleep(20);
    }
    await consumer.disconnect();
    await admin.disconnect();

    const typeOf = (m: KafkaMessage): string => String(m.headers?.ce_type);
    expect(seen.filter((m) => m.key?.toString() === candidateId).map(typeOf)).toEqual([
      'hirestream.scheduling.InterviewScheduled.v1',
      'hirestream.scheduling.InterviewCancelled.v1',
    ]);
    expect(seen.some((m) => m.key?.toString() === marker)).toBe(true);
    expect(seen.map(typeOf).filter((type) => type.includes('.Interviewer'))).toEqual([]);
  });
});
