import { randomUUID } from 'node:crypto';
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
});
