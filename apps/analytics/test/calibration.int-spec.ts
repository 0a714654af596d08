import { eventually, useServiceApp, whenReady } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { candidateHistory } from './candidate-history';

// Interviewer calibration over a known history appended straight to the candidate streams at
// chosen instants (as process-measures.int-spec.ts does), checked against values computed by
// hand, now and as of past instants: an amendment replacing a scorecard, a hold deciding nothing.

type Calibration = { interviewerId: string } & Record<string, unknown>;

const analytics = useServiceApp('analytics');
const record = candidateHistory(analytics, { id: 'interviewer-1', role: 'interviewer' });

async function calibration(query = ''): Promise<Calibration[]> {
  const response = await analytics.inject({
    method: 'GET',
    url: `/analytics/calibration?${query}`,
    as: 'hiring-manager',
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ interviewers: Calibration[] }>().interviewers;
}

const ratings = (...given: (1 | 2 | 3 | 4 | null)[]) =>
  given.map((rating, i) => ({ criterionId: `criterion-${i + 1}`, rating }));

const p = randomUUID(); // job-1, referral: iv-a strong yes, iv-b no; advanced
const q = randomUUID(); // job-1, agency: iv-a yes, amended to no; held, then rejected
const r = randomUUID(); // job-9, referral: iv-b strong yes; undecided
const [interviewP, interviewQ, interviewR] = [randomUUID(), randomUUID(), randomUUID()];

beforeAll(async () => {
  await whenReady(analytics);
  const P = candidateStreamFacts(p);
  const Q = candidateStreamFacts(q);
  const R = candidateStreamFacts(r);
  await record(p, '2025-04-01T08:00:00Z', P.registered({ jobId: 'job-1', source: 'referral' }));
  await record(q, '2025-04-01T08:00:00Z', Q.registered({ jobId: 'job-1', source: 'agency' }));
  await record(r, '2025-04-01T08:00:00Z', R.registered({ jobId: 'job-9', source: 'referral' }));
  await record(
    p,
    '2025-04-01T11:00:00Z',
    P.requested(interviewP, 'iv-a'),
    P.requested(interviewP, 'iv-b'),
  );
  await record(
    p,
    '2025-04-01T12:00:00Z',
    P.submitted(interviewP, 'iv-a', {
      ratings: ratings(3, 4, null),
      recommendation: 'strong-yes',
    }),
  );
  await record(
    p,
    '2025-04-01T13:00:00Z',
    P.submitted(interviewP, 'iv-b', { ratings: ratings(2, 2), recommendation: 'no' }),
  );
  await record(q, '2025-04-01T14:00:00Z', Q.requested(interviewQ, 'iv-a'));
  await record(
    p,
    '2025-04-02T10:00:00Z',
    P.decided({ decisionId: randomUUID(), decision: 'advance' }),
  );
  await record(
    q,
    '2025-04-02T09:00:00Z',
    Q.submitted(interviewQ, 'iv-a', { ratings: ratings(2, null), recommendation: 'yes' }),
  );
  await record(
    q,
    '2025-04-03T09:00:00Z',
    Q.amended(interviewQ, 'iv-a', { ratings: ratings(1, 2), recommendation: 'no' }),
  );
  await record(
    q,
    '2025-04-03T12:00:00Z',
    Q.decided({ decisionId: randomUUID(), decision: 'hold' }),
  );
  await record(
    q,
    '2025-04-04T10:00:00Z',
    Q.decided({ decisionId: randomUUID(), decision: 'reject' }),
  );
  await record(r, '2025-04-05T09:00:00Z', R.requested(interviewR, 'iv-b'));
  await record(
    r,
    '2025-04-05T10:00:00Z',
    R.submitted(interviewR, 'iv-b', { ratings: ratings(4, 4, 3), recommendation: 'strong-yes' }),
  );
  // The last append applied means every earlier one is (the projection follows $all in order).
  await eventually('the last scorecard applied', async () => {
    // 503 until the projection's first build is live.
    const live = await analytics.inject({
      method: 'GET',
      url: '/analytics/calibration',
      as: 'admin',
    });
    if (live.statusCode === 503) return undefined;
    const ivB = (await calibration()).find((row) => row.interviewerId === 'iv-b');
    return ivB?.scorecards === 2 ? true : undefined;
  });
});

describe('interviewer calibration', () => {
  it('counts each interviewer’s scorecards, mean rating, hire recommendations and agreement now', async () => {
    expect(await calibration()).toEqual([
      {
        // p: strong yes (3, 4), advanced: agrees; q: no as amended (1, 2), rejected: agrees.
        interviewerId: 'iv-a',
        scorecards: 2,
        meanRating: 2.5,
        hireRecommendations: 1,
        hireRecommendationRate: 0.5,
        decided: 2,
        agreed: 2,
        agreementRate: 1,
      },
      {
        // p: no (2, 2), advanced: disagrees; r: strong yes (4, 4, 3), undecided.
        interviewerId: 'iv-b',
        scorecards: 2,
        meanRating: 3,
        hireRecommendations: 1,
        hireRecommendationRate: 0.5,
        decided: 1,
        agreed: 0,
        agreementRate: 0,
      },
    ]);
  });

  it('reads the scorecard and the decision in force at a past instant', async () => {
    // Before q's amendment: q's scorecard was a yes with one rating (2); r was not interviewed.
    expect(await calibration('asOf=2025-04-02T12:00:00Z')).toEqual([
      {
        interviewerId: 'iv-a',
        scorecards: 2,
        meanRating: 3,
        hireRecommendations: 2,
        hireRecommendationRate: 1,
        decided: 1,
        agreed: 1,
        agreementRate: 1,
      },
      {
        interviewerId: 'iv-b',
        scorecards: 1,
        meanRating: 2,
        hireRecommendations: 0,
        hireRecommendationRate: 0,
        decided: 1,
        agreed: 0,
        agreementRate: 0,
      },
    ]);
    // q amended and held, not yet rejected: the hold decides nothing.
    expect((await calibration('asOf=2025-04-03T13:00:00Z'))[0]).toMatchObject({
      interviewerId: 'iv-a',
      meanRating: 2.5,
      hireRecommendations: 1,
      decided: 1,
      agreed: 1,
    });
    // Before p's decision, the same morning the first scorecards were given.
    expect(await calibration('asOf=2025-04-01T12:30:00Z')).toEqual([
      {
        interviewerId: 'iv-a',
        scorecards: 1,
        meanRating: 3.5,
        hireRecommendations: 1,
        hireRecommendationRate: 1,
        decided: 0,
        agreed: 0,
        agreementRate: null,
      },
    ]);
    expect(await calibration('asOf=2025-03-31T00:00:00Z')).toEqual([]);
  });

  it('filters by job and source', async () => {
    expect(await calibration('jobId=job-9')).toEqual([
      {
        interviewerId: 'iv-b',
        scorecards: 1,
        meanRating: 11 / 3,
        hireRecommendations: 1,
        hireRecommendationRate: 1,
        decided: 0,
        agreed: 0,
        agreementRate: null,
      },
    ]);
    expect(await calibration('source=agency')).toEqual([
      expect.objectContaining({ interviewerId: 'iv-a', scorecards: 1, meanRating: 1.5, agreed: 1 }),
    ]);
  });

  it.each(['interviewer', 'coordinator'] as const)('refuses %s', async (role) => {
    const response = await analytics.inject({
      method: 'GET',
      url: '/analytics/calibration',
      as: role,
    });
    expect(response.statusCode).toBe(403);
  });
});
