import { EventStoreDBClient } from '@eventstore/db-client';
import { AppendedEvents, useServiceApps, type ServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';

/*
 * Each input here once answered 500 or was wrongly accepted (issue "Hardening"):
 * now each is a 400 naming the field, and nothing is appended.
 */

type Json = Record<string, unknown>;
type Problem = { status: number; errors?: { field: string; rule: string }[] };

const { candidates, scheduling } = useServiceApps({ candidates: {}, scheduling: {} });
let appended: AppendedEvents;
let candidateId: string;

/** A candidate in `interviewing`, through the candidates service. */
async function interviewingCandidate(): Promise<string> {
  const registered = await candidates.inject({
    method: 'POST',
    url: '/candidates',
    as: 'recruiter',
    payload: {
      fullName: 'Ada Lovelace',
      email: 'ada@example.org',
      jobId: 'job-1',
      source: 'referral',
    },
  });
  expect(registered.statusCode).toBe(201);
  const id = registered.json<{ id: string }>().id;
  for (const [url, payload] of [
    ['screening', { passed: true, notes: 'good' }],
    ['stage', { to: 'interviewing' }],
  ] as const) {
    const moved = await candidates.inject({
      method: 'POST',
      url: `/candidates/${id}/${url}`,
      as: 'recruiter',
      payload,
    });
    expect(moved.statusCode).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  appended = new AppendedEvents(candidates.app.get(EventStoreDBClient));
  candidateId = await interviewingCandidate();
});

/** A body nested `depth` objects deep: `{"a":{"a":…}}`. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const interview = (overrides: Json = {}): Json => ({
  kind: 'technical',
  round: 1,
  format: 'video',
  startsAt: '2030-03-04T09:00:00Z',
  endsAt: '2030-03-04T10:00:00Z',
  candidateTimeZone: 'Europe/London',
  videoLink: 'https://meet.example.org/abc',
  panel: [{ interviewerId: 'lead-1', role: 'lead' }],
  ...overrides,
});

const session: Json = {
  title: 'Coding',
  kind: 'technical',
  round: 1,
  format: 'in-person',
  location: 'HQ, room 4',
  startsAt: '2030-03-04T09:00:00Z',
  endsAt: '2030-03-04T10:00:00Z',
  panel: [{ interviewerId: 'lead-1', role: 'lead' }],
};
const interviewDay = (overrides: Json = {}): Json => ({
  candidateTimeZone: 'Europe/London',
  sessions: [session],
  ...overrides,
});

const availability = (overrides: Json = {}): Json => ({
  timeZone: 'Europe/London',
  workingHours: [{ weekday: 1, start: '09:00', end: '17:00' }],
  dailyInterviewLimit: 3,
  ...overrides,
});

const findTimes = (overrides: Json = {}): Json => ({
  panel: ['lead-1'],
  durationMinutes: 60,
  from: '2030-03-04T00:00:00Z',
  to: '2030-03-05T00:00:00Z',
  ...overrides,
});

type Case = Readonly<{
  app: () => ServiceApp;
  method: 'POST' | 'PUT' | 'GET';
  url: () => string;
  body?: Json | unknown[] | string;
  asCandidate?: boolean;
  /** The field the 400 names; '' for a body refused as a whole. */
  field: string;
}>;

const interviewUrl = () => `/candidates/${candidateId}/interviews/${randomUUID()}`;
const dayUrl = () => `/candidates/${candidateId}/interview-days/${randomUUID()}`;

const cases: Readonly<Record<string, Case>> = {
  'a withdrawal reason of 1,500 × "a\\uFE0F" (3,000 code points, over 2,000)': {
    app: () => candidates,
    method: 'POST',
    url: () => `/candidates/${candidateId}/withdrawal`,
    body: { reason: 'a\uFE0F'.repeat(1_500) },
    field: 'reason',
  },
  'a non-ASCII email': {
    app: () => candidates,
    method: 'POST',
    url: () => '/candidates',
    body: { fullName: 'Ada', email: 'ädä@exämple.org', jobId: 'job-1', source: 'referral' },
    field: 'email',
  },
  'an email with a lone surrogate': {
    app: () => candidates,
    method: 'POST',
    url: () => '/candidates',
    body: { fullName: 'Ada', email: 'ada\uD800@example.org', jobId: 'job-1', source: 'referral' },
    field: 'email',
  },
  'a name of zero-width spaces': {
    app: () => candidates,
    method: 'POST',
    url: () => '/candidates',
    body: {
      fullName: '\u200B\u200B\u200B',
      email: 'a@example.org',
      jobId: 'j',
      source: 'referral',
    },
    field: 'fullName',
  },
  'a name with a right-to-left override': {
    app: () => candidates,
    method: 'POST',
    url: () => '/candidates',
    body: {
      fullName: 'Ada \u202Eecalevol',
      email: 'a@example.org',
      jobId: 'j',
      source: 'referral',
    },
    field: 'fullName',
  },
  'a rejection reason with a control character': {
    app: () => candidates,
    method: 'POST',
    url: () => `/candidates/${candidateId}/rejection`,
    body: { category: 'other', reason: 'closed\u0007' },
    field: 'reason',
  },
  'override: [] when scheduling': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interviews`,
    body: interview({ override: [] }),
    field: 'override',
  },
  'override: [{…}] when scheduling': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interviews`,
    body: interview({ override: [{ reason: 'urgent' }] }),
    field: 'override',
  },
  'override: [] when rescheduling': {
    app: () => scheduling,
    method: 'POST',
    url: () => `${interviewUrl()}/reschedule`,
    body: {
      startsAt: '2030-03-05T09:00:00Z',
      endsAt: '2030-03-05T10:00:00Z',
      reason: 'moved',
      override: [],
    },
    field: 'override',
  },
  'override: [] for an interview day': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interview-days`,
    body: interviewDay({ override: [] }),
    field: 'override',
  },
  'override: [] when rescheduling a day': {
    app: () => scheduling,
    method: 'POST',
    url: () => `${dayUrl()}/reschedule`,
    body: { startsAt: '2030-03-06T08:00:00Z', reason: 'moved', override: [] },
    field: 'override',
  },
  'sessions: [[…]]': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interview-days`,
    body: interviewDay({ sessions: [[session]] }),
    field: 'sessions.0',
  },
  'workingHours: [[…]]': {
    app: () => scheduling,
    method: 'PUT',
    url: () => '/interviewers/lead-1/availability',
    body: availability({ workingHours: [[{ weekday: 1, start: '09:00', end: '17:00' }]] }),
    field: 'workingHours.0',
  },
  'find-times from month 13': {
    app: () => scheduling,
    method: 'POST',
    url: () => '/find-times',
    body: findTimes({ from: '2030-13-01T00:00:00Z' }),
    field: 'from',
  },
  'find-times from day 00': {
    app: () => scheduling,
    method: 'POST',
    url: () => '/find-times',
    body: findTimes({ from: '2030-03-00T00:00:00Z' }),
    field: 'from',
  },
  'an interview on February 30': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interviews`,
    body: interview({ startsAt: '2030-02-30T09:00:00Z', endsAt: '2030-02-30T10:00:00Z' }),
    field: 'startsAt',
  },
  'an interview ending at T24:00': {
    app: () => scheduling,
    method: 'POST',
    url: () => `/candidates/${candidateId}/interviews`,
    body: interview({ startsAt: '2030-03-04T23:00:00Z', endsAt: '2030-03-04T24:00:00Z' }),
    field: 'endsAt',
  },
  'a calendar read from a date that does not exist': {
    app: () => scheduling,
    method: 'GET',
    url: () => '/interviewers/lead-1/calendar?from=2030-02-31T00:00:00Z&to=2030-03-01T00:00:00Z',
    field: 'from',
  },
  'a calendar range longer than 62 days': {
    app: () => scheduling,
    method: 'GET',
    url: () => '/interviewers/lead-1/calendar?from=2030-01-01T00:00:00Z&to=2030-06-01T00:00:00Z',
    field: 'to',
  },
  'an unknown field nested 5,000 deep, even from a candidate': {
    app: () => candidates,
    method: 'POST',
    url: () => `/candidates/${candidateId}/withdrawal`,
    body: nested(5_000),
    asCandidate: true,
    field: '',
  },
  'an array where the body is an object': {
    app: () => candidates,
    method: 'POST',
    url: () => '/candidates',
    body: [{ fullName: 'Ada', email: 'a@example.org', jobId: 'j', source: 'referral' }],
    field: '',
  },
};

describe('inputs that once answered 500 or were wrongly accepted', () => {
  it.each(Object.entries(cases))('%s: 400 naming the field, nothing appended', async (_name, c) => {
    const mark = await appended.mark();
    const response = await c.app().inject({
      method: c.method,
      url: c.url(),
      as: c.asCandidate
        ? { bearer: await c.app().bearer('candidate', 'candidate-1', candidateId) }
        : c.app() === candidates
          ? 'recruiter'
          : 'coordinator',
      ...(c.body === undefined
        ? {}
        : {
            payload: typeof c.body === 'string' ? c.body : JSON.stringify(c.body),
            headers: { 'content-type': 'application/json' },
          }),
    });
    expect(response.statusCode).toBe(400);
    if (c.field !== '') {
      expect(response.json<Problem>().errors?.map((error) => error.field)).toContain(c.field);
    }
    expect(await appended.since(mark)).toEqual([]);
  });

  it('refuses an interview from 2027 to 2030 (longer than 12 hours) with 409, holding no calendar', async () => {
    const mark = await appended.mark();
    const response = await scheduling.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/interviews`,
      as: 'coordinator',
      payload: interview({ startsAt: '2027-01-04T09:00:00Z', endsAt: '2030-01-04T09:00:00Z' }),
    });
    expect(response.json()).toMatchObject({ status: 409, rule: 'too-long' });
    expect(await appended.since(mark)).toEqual([]);
  });
});

describe('what the API fuzz found', () => {
  type ProblemBody = { type: string; status: number; detail: string };

  it.each([
    ['a malformed percent-escape in the path', '/candidates/%FF', 'malformed percent-escape'],
    ['a path parameter over 100 characters', `/candidates/${'x'.repeat(101)}`, 'longer than 100'],
  ])('answers %s with a 400 problem document', async (_case, url, detail) => {
    const response = await candidates.inject({ method: 'GET', url, as: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json<ProblemBody>().detail).toContain(detail);
  });

  it('answers a body that is not JSON with 415, as the document says', async () => {
    const response = await candidates.inject({
      method: 'POST',
      url: '/candidates',
      as: 'recruiter',
      headers: { 'content-type': 'application/xml' },
      payload: '<candidate/>',
    });
    expect(response.statusCode).toBe(415);
    const post = candidates.document.paths['/candidates']!.post!;
    expect(Object.keys(post.responses ?? {})).toContain('415');
  });

  it('refuses a JSON null body; takes a withdrawal without a body, which its document calls optional', async () => {
    const mark = await appended.mark();
    const nullBody = await candidates.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/withdrawal`,
      as: 'recruiter',
      headers: { 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(nullBody.statusCode).toBe(400);
    expect(await appended.since(mark)).toEqual([]);
    const withdrawal = candidates.document.paths['/candidates/{id}/withdrawal']!.post!;
    expect(withdrawal.requestBody?.required).not.toBe(true);
    const registration = candidates.document.paths['/candidates']!.post!;
    expect(registration.requestBody?.required).toBe(true);
  });

  it("writes nothing to a free panelist's calendar when another panelist is double-booked", async () => {
    const busy = `busy-${randomUUID().slice(0, 8)}`;
    const booking = async (panel: Json[], startsAt: string, endsAt: string, id: string) =>
      scheduling.inject({
        method: 'POST',
        url: `/candidates/${id}/interviews`,
        as: 'coordinator',
        payload: interview({ panel, startsAt, endsAt }),
      });
    const first = await booking(
      [{ interviewerId: busy, role: 'lead' }],
      '2032-06-01T09:00:00Z',
      '2032-06-01T10:00:00Z',
      await interviewingCandidate(),
    );
    expect(first.statusCode).toBe(201);
    const other = await interviewingCandidate();
    const mark = await appended.mark();
    const refused = await booking(
      [
        { interviewerId: `free-${randomUUID().slice(0, 8)}`, role: 'lead' },
        { interviewerId: busy, role: 'shadow' },
      ],
      '2032-06-01T09:30:00Z',
      '2032-06-01T10:30:00Z',
      other,
    );
    expect(refused.json()).toMatchObject({ status: 409, rule: 'interviewer-double-booked' });
    expect(await appended.since(mark)).toEqual([]);
  });
});
