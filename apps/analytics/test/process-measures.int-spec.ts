import { eventually, useServiceApp, whenReady } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { checkStreamFacts, offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { randomUUID } from 'node:crypto';
import { candidateHistory } from './candidate-history';

// A known history appended straight to the candidate streams through the service's EventStore
// (the services' APIs stamp the wall clock; these facts need chosen times), each event at its
// instant, then every measure checked against values computed by hand, now and as of past instants.

type Json = Record<string, unknown>;

const analytics = useServiceApp('analytics');
const record = candidateHistory(analytics, { id: 'recruiter-1', role: 'recruiter' });

async function measure(path: string, query = ''): Promise<Json> {
  const response = await analytics.inject({
    method: 'GET',
    url: `/analytics/${path}?${query}`,
    as: 'recruiter',
  });
  expect(response.statusCode).toBe(200);
  return response.json<Json>();
}

const a = randomUUID(); // job-1, referral: screened, interviewed, offered, hired
const b = randomUUID(); // job-1, agency: rejected in screening
const c = randomUUID(); // job-9, referral: a no-show, feedback never given, declined the offer
const d = randomUUID(); // job-7, careers-site: a background check ending in adverse action
const [interview1, interview2, interview3] = [randomUUID(), randomUUID(), randomUUID()];

beforeAll(async () => {
  await whenReady(analytics);
  const A = candidateStreamFacts(a);
  const B = candidateStreamFacts(b);
  const C = candidateStreamFacts(c);
  const D = candidateStreamFacts(d);
  const offerA = offerStreamFacts(a, randomUUID());
  const offerC = offerStreamFacts(c, randomUUID());
  const check = checkStreamFacts(d, randomUUID());
  await record(a, '2025-03-01T10:00:00Z', A.registered({ jobId: 'job-1', source: 'referral' }));
  await record(b, '2025-03-01T12:00:00Z', B.registered({ jobId: 'job-1', source: 'agency' }));
  await record(c, '2025-03-02T09:00:00Z', C.registered({ jobId: 'job-9', source: 'referral' }));
  await record(a, '2025-03-02T10:00:00Z', A.moved('applied', 'screening'));
  await record(c, '2025-03-02T21:00:00Z', C.moved('applied', 'screening'));
  await record(d, '2025-03-03T08:00:00Z', D.registered({ jobId: 'job-7', source: 'careers-site' }));
  await record(c, '2025-03-03T09:00:00Z', C.moved('screening', 'interviewing'));
  await record(c, '2025-03-03T10:00:00Z', C.scheduled(interview2, ['iv-2']));
  await record(b, '2025-03-03T12:00:00Z', B.moved('applied', 'screening'));
  await record(a, '2025-03-04T10:00:00Z', A.moved('screening', 'interviewing'));
  await record(a, '2025-03-04T12:00:00Z', A.scheduled(interview1, ['iv-1']));
  await record(d, '2025-03-04T12:00:00Z', ...check.noticeSent());
  await record(a, '2025-03-05T09:00:00Z', {
    type: 'InterviewRescheduled',
    data: {
      candidateId: a,
      interviewId: interview1,
      version: 2,
      startsAt: '2025-03-06T09:00:00Z',
      endsAt: '2025-03-06T10:00:00Z',
      reason: 'The lead travels',
    },
  });
  await record(c, '2025-03-05T10:00:00Z', {
    type: 'NoShowRecorded',
    data: { candidateId: c, interviewId: interview2, party: 'candidate', interviewerId: null },
  });
  await record(b, '2025-03-05T12:00:00Z', B.rejected({ stageAtRejection: 'screening' }));
  await record(a, '2025-03-06T10:00:00Z', A.completed(interview1));
  await record(c, '2025-03-06T10:00:00Z', C.scheduled(interview3, ['iv-2']));
  await record(
    a,
    '2025-03-06T11:00:00Z',
    A.requested(interview1, 'iv-1', 1, { dueAt: '2025-03-07T11:00:00Z' }),
  );
  await record(a, '2025-03-06T15:00:00Z', A.submitted(interview1, 'iv-1'));
  await record(c, '2025-03-07T10:00:00Z', C.completed(interview3));
  await record(
    c,
    '2025-03-07T10:00:00Z',
    C.requested(interview3, 'iv-2', 1, { dueAt: '2025-03-08T10:00:00Z' }),
  );
  await record(a, '2025-03-08T10:00:00Z', A.moved('interviewing', 'offer'));
  await record(c, '2025-03-09T09:00:00Z', C.moved('interviewing', 'offer'));
  await record(a, '2025-03-09T10:00:00Z', offerA.extended());
  await record(a, '2025-03-10T10:00:00Z', offerA.accepted());
  await record(c, '2025-03-10T09:00:00Z', offerC.extended());
  await record(d, '2025-03-10T12:00:00Z', check.finalAdverseAction());
  await record(c, '2025-03-11T09:00:00Z', {
    type: 'OfferDeclined',
    data: {
      candidateId: c,
      offerId: offerC.extended().data.offerId,
      version: 1,
      category: 'compensation',
      reason: 'Another offer pays more',
    },
  });
  await record(a, '2025-03-12T10:00:00Z', A.hired());
  await record(c, '2025-03-20T09:00:00Z', C.withdrew({ stageAtWithdrawal: 'offer' }));
  // Appends outside a command gateway are not this process's "own writes" to wait for: the last
  // one (C's withdrawal, ending C's stay in offer) applied means every earlier one is.
  await eventually('the last fact applied', async () => {
    const times = await analytics.inject({
      method: 'GET',
      url: '/analytics/stage-times',
      as: 'recruiter',
    });
    // 503 until the projection's first build is live.
    if (times.statusCode === 503) return undefined;
    const stays = times.json<{ stages: { stage: string; count: number }[] }>().stages;
    return stays.find((stay) => stay.stage === 'offer')?.count === 2 ? true : undefined;
  });
});

describe('the process measures, now', () => {
  it('counts the funnel and its pass-through rates', async () => {
    const funnel = await measure('funnel');
    expect(funnel.stages).toEqual([
      { stage: 'applied', reached: 4 },
      { stage: 'screening', reached: 3 },
      { stage: 'interviewing', reached: 2 },
      { stage: 'background-check', reached: 0 },
      { stage: 'offer', reached: 2 },
      { stage: 'hired', reached: 1 },
    ]);
    expect(funnel.passThrough).toEqual([
      { from: 'applied', to: 'screening', rate: 0.75 },
      { from: 'screening', to: 'interviewing', rate: 2 / 3 },
      { from: 'interviewing', to: 'offer', rate: 1 },
      { from: 'offer', to: 'hired', rate: 0.5 },
    ]);
    expect(funnel.filters).toEqual({
      jobId: null,
      department: null,
      source: null,
      from: null,
      to: null,
    });
  });

  it('times each stage (median and p90 as percentile_cont) and the hire', async () => {
    const times = await measure('stage-times');
    expect(times.stages).toEqual([
      // applied: 24, 48, 12 hours; screening: 48, 48, 12; interviewing: 96, 144; offer: 96, 264.
      { stage: 'applied', count: 3, medianHours: 24, p90Hours: expect.closeTo(43.2, 9) },
      { stage: 'screening', count: 3, medianHours: 48, p90Hours: 48 },
      { stage: 'interviewing', count: 2, medianHours: 120, p90Hours: expect.closeTo(139.2, 9) },
      { stage: 'background-check', count: 0, medianHours: null, p90Hours: null },
      { stage: 'offer', count: 2, medianHours: 180, p90Hours: expect.closeTo(247.2, 9) },
    ]);
    expect(await measure('time-to-hire')).toMatchObject({ hired: 1, medianDays: 11, p90Days: 11 });
  });

  it('counts interviews, feedback, offers and adverse actions', async () => {
    expect(await measure('interviews')).toMatchObject({
      scheduled: 3,
      completed: 2,
      cancelled: 0,
      noShows: 1,
      noShowRate: 1 / 3,
      interviewerNoShows: 0,
      rescheduled: 1,
      rescheduleRate: 1 / 3,
    });
    expect(await measure('feedback')).toMatchObject({
      submitted: 1,
      medianTurnaroundHours: 4,
      p90TurnaroundHours: 4,
      overdue: 1,
    });
    expect(await measure('offers')).toMatchObject({
      extended: 2,
      accepted: 1,
      declined: 1,
      acceptanceRate: 0.5,
      declineReasons: [{ reason: 'compensation', count: 1 }],
    });
    expect(await measure('adverse-actions')).toMatchObject({
      checks: 1,
      preAdverseNotices: 1,
      adverseActions: 1,
      rate: 1,
    });
  });

  it('filters by job, department, source and registration period', async () => {
    const reached = async (query: string) =>
      ((await measure('funnel', query)).stages as { reached: number }[]).map((s) => s.reached);
    expect(await reached('jobId=job-1')).toEqual([2, 2, 1, 0, 1, 1]);
    expect(await reached('department=sales')).toEqual([1, 1, 1, 0, 1, 0]);
    expect(await reached('department=engineering')).toEqual([3, 2, 1, 0, 1, 1]);
    expect(await reached('source=referral')).toEqual([2, 2, 2, 0, 2, 1]);
    expect(await reached('from=2025-03-02&to=2025-03-02')).toEqual([1, 1, 1, 0, 1, 0]);
    expect(await measure('offers', 'source=referral&from=2025-03-02')).toMatchObject({
      extended: 1,
      declined: 1,
      acceptanceRate: 0,
    });
  });

  it('counts registrations and hires per week and month', async () => {
    // 2025-03-01 is a Saturday: three registrations fall in the week from 24 February, one on Monday 3 March.
    expect((await measure('trends', 'measure=registered')).points).toEqual([
      { periodStart: '2025-02-24', count: 3 },
      { periodStart: '2025-03-03', count: 1 },
    ]);
    expect((await measure('trends', 'measure=registered&interval=month')).points).toEqual([
      { periodStart: '2025-03-01', count: 4 },
    ]);
    expect((await measure('trends', 'measure=hired&interval=month')).points).toEqual([
      { periodStart: '2025-03-01', count: 1 },
    ]);
  });
});

describe('the process measures as of a past instant', () => {
  it('counts only what had happened by then', async () => {
    const asOf = 'asOf=2025-03-09T12:00:00Z';
    const funnel = await measure('funnel', asOf);
    expect(funnel.asOf).toBe('2025-03-09T12:00:00Z');
    expect((funnel.stages as { reached: number }[]).map((s) => s.reached)).toEqual([
      4, 3, 2, 0, 2, 0,
    ]);
    expect(await measure('offers', asOf)).toMatchObject({
      extended: 1,
      accepted: 0,
      declined: 0,
      acceptanceRate: 0,
      declineReasons: [],
    });
    expect(await measure('time-to-hire', asOf)).toMatchObject({
      hired: 0,
      medianDays: null,
      p90Days: null,
    });
    expect(
      ((await measure('stage-times', asOf)).stages as { count: number }[]).map((s) => s.count),
    ).toEqual([3, 3, 2, 0, 0]);
    expect(await measure('feedback', asOf)).toMatchObject({ submitted: 1, overdue: 1 });
    expect(await measure('adverse-actions', asOf)).toMatchObject({
      checks: 1,
      adverseActions: 0,
      rate: 0,
    });
  });

  it('counts the facts of asOf’s own day up to the instant, not after', async () => {
    // C reached offer at 09:00 on the 9th, A's offer was extended at 10:00 that day.
    const asOf = 'asOf=2025-03-09T09:30:00Z';
    expect(((await measure('funnel', asOf)).stages as { reached: number }[])[4]).toEqual({
      stage: 'offer',
      reached: 2,
    });
    expect(await measure('offers', asOf)).toMatchObject({ extended: 0, acceptanceRate: null });
    expect(await measure('offers', 'asOf=2025-03-09T10:00:00Z')).toMatchObject({ extended: 1 });
    // The feedback of interview 3 fell due at 10:00 on the 8th.
    expect(await measure('feedback', 'asOf=2025-03-08T09:59:59Z')).toMatchObject({ overdue: 0 });
    expect(await measure('funnel', 'asOf=2025-02-28T00:00:00Z')).toMatchObject({
      passThrough: [
        { from: 'applied', to: 'screening', rate: null },
        { from: 'screening', to: 'interviewing', rate: null },
        { from: 'interviewing', to: 'offer', rate: null },
        { from: 'offer', to: 'hired', rate: null },
      ],
    });
  });
});

describe('queries and access', () => {
  it.each([
    ['funnel?asOf=yesterday', 'asOf'],
    ['funnel?from=2025-03-05&to=2025-03-01', 'to'],
    ['funnel?department=nowhere', 'department'],
    ['funnel?colour=red', 'colour'],
    ['trends?measure=salaries', 'measure'],
  ])('answers 400 naming the field for %s', async (url, field) => {
    const response = await analytics.inject({
      method: 'GET',
      url: `/analytics/${url}`,
      as: 'auditor',
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain(field);
  });

  it.each(['interviewer', 'candidate', 'coordinator'] as const)('refuses %s', async (role) => {
    const token = await analytics.bearer(role, `${role}-1`, role === 'candidate' ? a : undefined);
    const response = await analytics.inject({
      method: 'GET',
      url: '/analytics/funnel',
      as: { bearer: token },
    });
    expect(response.statusCode).toBe(403);
  });
});
