import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import type { Sql } from '@hirestream/read-models';
import { randomUUID } from 'node:crypto';
import { InterviewerCalendarsProjection } from '../src/interviewer-calendar/interviewer-calendars.projection';
import { InterviewsProjection } from '../src/interviews-projection/interviews.projection';
import { interviewer, schedulingFixtures } from './support/scheduling-fixtures';
import { useServiceApp } from '@hirestream/testing';

type Json = Record<string, unknown>;
type Seat = {
  interviewId: string;
  candidateId: string;
  role: string;
  status: string;
  startsAt: string;
};

const scheduling = useServiceApp('scheduling');
const fixtures = schedulingFixtures(() => scheduling.store);
let coordinator: string;
beforeAll(async () => {
  coordinator = await scheduling.bearer('coordinator');
});

async function request(
  method: 'GET' | 'POST',
  url: string,
  authorization: string,
  payload?: Json,
  headers: Json = {},
) {
  return scheduling.inject({ method, url, payload, headers: { authorization, ...headers } });
}

async function schedule(candidateId: string, panel: Json[], startsAt: string): Promise<string> {
  const response = await request('POST', `/candidates/${candidateId}/interviews`, coordinator, {
    kind: 'technical',
    round: 1,
    format: 'video',
    startsAt,
    endsAt: startsAt.replace('T09', 'T10'),
    candidateTimeZone: 'Europe/London',
    videoLink: 'https://meet.example.org/abc',
    panel,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ interviewId: string }>().interviewId;
}

const interviewsOf = (
  interviewerId: string,
  authorization: string,
  range = 'from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z',
) => request('GET', `/interviewers/${interviewerId}/interviews?${range}`, authorization);

describe('reading interviews', () => {
  it('shows an interviewer the interviews they sit on, across candidates, with their role and status', async () => {
    const [grace, alan] = [interviewer('grace'), interviewer('alan')];
    const [first, second] = [
      await fixtures.interviewingCandidate(),
      await fixtures.interviewingCandidate(),
    ];
    const early = await schedule(
      first,
      [
        { interviewerId: grace, role: 'lead' },
        { interviewerId: alan, role: 'note-taker' },
      ],
      '2030-03-05T09:00:00Z',
    );
    const late = await schedule(
      second,
      [{ interviewerId: alan, role: 'lead' }],
      '2030-03-06T09:00:00Z',
    );
    const cancelled = await request(
      'POST',
      `/candidates/${first}/interviews/${early}/cancellation`,
      coordinator,
      { reason: 'role filled' },
    );
    expect(cancelled.statusCode).toBe(200);

    const own = await interviewsOf(alan, await scheduling.bearer('interviewer', alan));
    expect(own.statusCode).toBe(200);
    expect(
      own
        .json<{ interviews: Seat[] }>()
        .interviews.map(({ interviewId, candidateId, role, status }) => [
          interviewId,
          candidateId,
          role,
          status,
        ]),
    ).toEqual([
      [early, first, 'note-taker', 'cancelled'],
      [late, second, 'lead', 'scheduled'],
    ]);
    const graceSees = (await interviewsOf(grace, coordinator)).json<{
      interviews: Seat[];
    }>();
    expect(graceSees.interviews.map((seat) => seat.interviewId)).toEqual([early]);
    const narrow = await interviewsOf(
      alan,
      coordinator,
      'from=2030-03-06T00:00:00Z&to=2030-03-07T00:00:00Z',
    );
    expect(
      narrow.json<{ interviews: Seat[] }>().interviews.map((seat) => seat.interviewId),
    ).toEqual([late]);
  });

  it("refuses an interviewer another interviewer's interviews, and a candidate any (403)", async () => {
    const grace = interviewer('grace');
    expect(
      (await interviewsOf(grace, await scheduling.bearer('interviewer', 'someone-else')))
        .statusCode,
    ).toBe(403);
    expect(
      (await interviewsOf(grace, await scheduling.bearer('candidate', 'cand-1', randomUUID())))
        .statusCode,
    ).toBe(403);
    expect(
      (await interviewsOf(grace, await scheduling.bearer('auditor', 'auditor-1'))).statusCode,
    ).toBe(200);
  });

  it('answers a bad range with 400 naming the field', async () => {
    const response = await interviewsOf(
      interviewer('grace'),
      coordinator,
      'from=2030-03-06T00:00:00Z&to=2030-03-01T00:00:00Z',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'to',
    ]);
  });

  it('lets a panel member, staff and the candidate read one interview, and no other interviewer', async () => {
    const [grace, alan] = [interviewer('grace'), interviewer('alan')];
    const candidateId = await fixtures.interviewingCandidate();
    const interviewId = await schedule(
      candidateId,
      [{ interviewerId: grace, role: 'lead' }],
      '2030-03-07T09:00:00Z',
    );
    const read = (authorization: string, id = interviewId) =>
      request('GET', `/candidates/${candidateId}/interviews/${id}`, authorization);
    const asGrace = await read(await scheduling.bearer('interviewer', grace));
    expect(asGrace.statusCode).toBe(200);
    expect(asGrace.json()).toMatchObject({
      interviewId,
      candidateId,
      status: 'scheduled',
      history: [{ version: 1 }],
    });
    expect(asGrace.headers.etag).toBe('"2"');
    expect((await read(await scheduling.bearer('interviewer', alan))).statusCode).toBe(404);
    expect((await read(await scheduling.bearer('hiring-manager', 'hm-1'))).statusCode).toBe(200);
    expect(
      (await read(await scheduling.bearer('candidate', 'cand-1', candidateId))).statusCode,
    ).toBe(200);
    expect(
      (await read(await scheduling.bearer('candidate', 'cand-2', randomUUID()))).statusCode,
    ).toBe(403);
    expect((await read(coordinator, randomUUID())).statusCode).toBe(404);
  });

  it("reads its own writes at once, and the list's ETag guards the next write", async () => {
    const candidateId = await fixtures.interviewingCandidate();
    const interviewId = await schedule(
      candidateId,
      [{ interviewerId: interviewer('grace'), role: 'lead' }],
      '2030-03-08T09:00:00Z',
    );
    const list = await request('GET', `/candidates/${candidateId}/interviews`, coordinator);
    expect(
      list.json<{ interviews: { interviewId: string }[] }>().interviews.map((i) => i.interviewId),
    ).toEqual([interviewId]);
    expect(list.headers.etag).toBe('"2"');
    const confirmation = `/candidates/${candidateId}/interviews/${interviewId}/confirmation`;
    const guarded = await request(
      'POST',
      confirmation,
      coordinator,
      {},
      { 'if-match': list.headers.etag },
    );
    expect(guarded.statusCode).toBe(200);
    const stale = await request(
      'POST',
      confirmation,
      coordinator,
      {},
      { 'if-match': list.headers.etag },
    );
    expect(stale.statusCode).toBe(409);
    const after = await request(
      'GET',
      `/candidates/${candidateId}/interviews/${interviewId}`,
      coordinator,
    );
    expect(after.json()).toMatchObject({ status: 'confirmed' });
    expect(
      (await request('GET', `/candidates/${randomUUID()}/interviews`, coordinator)).statusCode,
    ).toBe(404);
  });

  it("keeps the reasons sealed, answers them in plaintext, and [erased] once the candidacy's key is erased, everything else as before", async () => {
    const movedBecause = 'Ada asked to move it: her daughter is ill';
    const cancelledBecause = 'Ada took another offer, she told the recruiter by phone';
    const lead = interviewer('lead');
    const candidateId = await fixtures.interviewingCandidate();
    const panel = [{ interviewerId: lead, role: 'lead' }];
    const moved = await schedule(candidateId, panel, '2030-03-04T09:00:00Z');
    const cancelled = await schedule(candidateId, panel, '2030-03-06T09:00:00Z');
    const base = `/candidates/${candidateId}/interviews`;
    const reschedule = { startsAt: '2030-03-05T09:00:00Z', endsAt: '2030-03-05T10:00:00Z' };
    expect(
      (
        await request('POST', `${base}/${moved}/reschedule`, coordinator, {
          ...reschedule,
          reason: movedBecause,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await request('POST', `${base}/${cancelled}/cancellation`, coordinator, {
          reason: cancelledBecause,
        })
      ).statusCode,
    ).toBe(200);
    const read = async (interviewId: string) =>
      (await request('GET', `${base}/${interviewId}`, coordinator)).json<Json>();

    expect(await read(moved)).toMatchObject({
      history: [{ reason: null }, { version: 2, reason: movedBecause }],
    });
    expect(await read(cancelled)).toMatchObject({ cancellationReason: cancelledBecause });
    const stored = await storedRows();
    expect(stored).toContain(candidateId);
    expect(stored).not.toContain('daughter');
    expect(stored).not.toContain('by phone');

    await scheduling.app.get(PersonalDataVault).erase([dataKeyId('candidate', candidateId)]);
    expect(await read(moved)).toMatchObject({
      status: 'scheduled',
      startsAt: reschedule.startsAt,
      history: [
        { version: 1, startsAt: '2030-03-04T09:00:00Z', reason: null },
        { version: 2, startsAt: reschedule.startsAt, reason: ERASED_VALUE },
      ],
    });
    expect(await read(cancelled)).toMatchObject({
      status: 'cancelled',
      cancellationReason: ERASED_VALUE,
    });
    const seats = (await interviewsOf(lead, coordinator)).json<{ interviews: Seat[] }>();
    expect(seats.interviews.map((seat) => seat.interviewId)).toEqual([moved, cancelled]);

    // The candidacy's later events are folded as before, its erased reasons staying erased.
    const candidate = await scheduling.bearer('candidate', 'cand-1', candidateId);
    expect((await request('POST', `${base}/${moved}/confirmation`, candidate)).statusCode).toBe(
      200,
    );
    expect(await read(moved)).toMatchObject({
      status: 'confirmed',
      history: [{ reason: null }, { reason: ERASED_VALUE }],
    });
  });
});

/** Every row of the scheduling read models, as PostgreSQL keeps them, in text. */
async function storedRows(): Promise<string> {
  const rowsOf = async (sql: Sql, tables: readonly string[]) =>
    (
      await Promise.all(
        tables.map((table) => sql.query<{ row: string }>(`select t::text as row from ${table} t`)),
      )
    ).flatMap(({ rows }) => rows.map(({ row }) => row));
  const interviews = await scheduling.app
    .get(InterviewsProjection)
    .read((sql, { candidates, panel_seats }) => rowsOf(sql, [candidates, panel_seats]));
  const calendars = await scheduling.app
    .get(InterviewerCalendarsProjection)
    .read((sql, { availabilities, slots }) => rowsOf(sql, [availabilities, slots]));
  return [...interviews, ...calendars].join('\n');
}
