import type { CriterionRating } from '@hirestream/contracts';
import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import type { Role } from '@hirestream/platform';
import { eventually, useServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import { CalibrationProjection } from '../src/calibration/calibration.projection';
import { candidateFacts } from './candidate-facts';

type Json = Record<string, unknown>;

const api = useServiceApp('assessment');
const { interviewingCandidate, completedInterview, amended } = candidateFacts(() => api.store);

/** Interviewer ids no other run of this file uses, as the read model outlives a test. */
const grace = `grace-${randomUUID().slice(0, 8)}`;
const alan = `alan-${randomUUID().slice(0, 8)}`;

const ratings = (...given: (1 | 2 | 3 | 4 | null)[]): CriterionRating[] =>
  given.map((rating, i) => ({ criterionId: `criterion-${i}`, rating }));

async function get(url: string, as: Role | { bearer: string }) {
  return api.inject({ method: 'GET', url, as });
}

async function decide(candidateId: string, decision: 'advance' | 'hold' | 'reject') {
  const response = await api.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/panel-decisions`,
    payload: {
      round: 1,
      decision,
      ...(decision === 'advance' ? { advanceTo: 'next-round' } : {}),
      rationale: 'Debriefed with the panel',
      ...(decision === 'reject' ? { feedbackForCandidate: 'Keep practising design.' } : {}),
    },
    as: 'hiring-manager',
  });
  expect(response.statusCode).toBe(200);
}

beforeAll(async () => {
  // Grace: strong yes on a rejection, yes on an advance, yes on a hold, no on a round undecided.
  // Alan: strong no on the rejection, amended to yes before the decision.
  const rejected = await interviewingCandidate();
  const first = await completedInterview(
    rejected,
    [grace, alan],
    [
      { interviewerId: grace, recommendation: 'strong-yes', ratings: ratings(4, 4, null) },
      { interviewerId: alan, recommendation: 'strong-no', ratings: ratings(1, 1) },
    ],
  );
  await amended(rejected, first, {
    interviewerId: alan,
    recommendation: 'yes',
    ratings: ratings(3, 2),
  });
  const advanced = await interviewingCandidate();
  await completedInterview(
    advanced,
    [grace],
    [{ interviewerId: grace, recommendation: 'yes', ratings: ratings(3, 3) }],
  );
  const held = await interviewingCandidate();
  await completedInterview(
    held,
    [grace],
    [{ interviewerId: grace, recommendation: 'yes', ratings: ratings(2) }],
  );
  const undecided = await interviewingCandidate();
  await completedInterview(
    undecided,
    [grace],
    [{ interviewerId: grace, recommendation: 'no', ratings: ratings(1, null) }],
  );
  await decide(rejected, 'reject');
  await decide(advanced, 'advance');
  await decide(held, 'hold');
});

describe('calibration', () => {
  it("sets an interviewer's ratings and recommendations beside the panels' decisions", async () => {
    const response = await get(`/interviewers/${grace}/calibration`, 'hiring-manager');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      interviewerId: grace,
      feedbackGiven: 4,
      ratings: { '1': 1, '2': 1, '3': 2, '4': 2, notAssessed: 2 },
      recommendations: { 'strong-no': 0, no: 1, yes: 2, 'strong-yes': 1 },
      decisions: {
        agreed: 1,
        disagreed: 1,
        stronglyDisagreed: 1,
        held: 1,
        undecided: 1,
        agreementRate: 0.5,
      },
    });
  });

  it('counts an amendment instead of the feedback it replaced', async () => {
    const response = await get(`/interviewers/${alan}/calibration`, 'auditor');
    expect(response.json()).toMatchObject({
      feedbackGiven: 1,
      ratings: { '1': 0, '2': 1, '3': 1, '4': 0, notAssessed: 0 },
      recommendations: { 'strong-no': 0, yes: 1 },
      decisions: { agreed: 0, disagreed: 1, stronglyDisagreed: 0, agreementRate: 0 },
    });
  });

  it('answers zeros for someone who never gave feedback', async () => {
    const response = await get(`/interviewers/nobody-${randomUUID()}/calibration`, 'admin');
    expect(response.json<Json>()).toMatchObject({
      feedbackGiven: 0,
      decisions: { agreed: 0, agreementRate: null },
    });
  });

  it('lets an interviewer read their own calibration only; candidates, coordinators and approvers none', async () => {
    const own = await get(`/interviewers/${grace}/calibration`, {
      bearer: await api.bearer('interviewer', grace),
    });
    expect(own.statusCode).toBe(200);
    const another = await get(`/interviewers/${alan}/calibration`, {
      bearer: await api.bearer('interviewer', grace),
    });
    expect(another.statusCode).toBe(403);
    for (const role of ['coordinator', 'approver'] as const) {
      expect((await get(`/interviewers/${grace}/calibration`, role)).statusCode).toBe(403);
    }
    const candidate = await api.bearer('candidate', 'candidate-1', randomUUID());
    expect(
      (await get(`/interviewers/${grace}/calibration`, { bearer: candidate })).statusCode,
    ).toBe(403);
    expect((await get('/calibration', 'interviewer')).statusCode).toBe(403);
  });

  it('lists every interviewer with feedback by id, a page at a time', async () => {
    const all = await get('/calibration?limit=200', 'recruiter');
    const { total, interviewers } = all.json<{ total: number; interviewers: Json[] }>();
    const ids = interviewers.map((i) => i.interviewerId as string);
    expect(ids).toEqual(expect.arrayContaining([grace, alan]));
    expect(ids).toEqual([...ids].sort());
    expect(total).toBe(ids.length);
    const page = await get(`/calibration?limit=1&offset=${ids.indexOf(alan)}`, 'recruiter');
    expect(page.json()).toMatchObject({
      total,
      limit: 1,
      offset: ids.indexOf(alan),
      interviewers: [{ interviewerId: alan }],
    });
  });
});

describe('personal text the calibration keeps', () => {
  const STRENGTHS = 'Ada explained her own design with rare clarity';
  const CONCERNS = 'Ada mentioned her burnout last year';
  const NOTES = 'Ada is moving to Lisbon with her partner';

  /** The candidate's rows of the calibration read model, as PostgreSQL keeps them, in text. */
  const storedRows = (candidateId: string) =>
    api.app.get(CalibrationProjection).read(async (sql, { candidates, feedback }) => {
      const rows = await sql.query<{ row: string }>(
        `select t::text as row from ${candidates} t where candidate_id = $1
         union all select t::text from ${feedback} t where candidate_id = $1`,
        [candidateId],
      );
      return rows.rows.map(({ row }) => row).join('\n');
    });

  it("keeps the feedback's and the decision's words sealed, and counts as before once the candidacy's key is erased", async () => {
    const hopper = `hopper-${randomUUID().slice(0, 8)}`;
    const candidateId = await interviewingCandidate();
    const given = { interviewerId: hopper, strengths: STRENGTHS, concerns: CONCERNS };
    const interviewId = await completedInterview(
      candidateId,
      [hopper],
      [{ ...given, notes: NOTES, recommendation: 'no', ratings: ratings(2) }],
    );
    await amended(candidateId, interviewId, {
      ...given,
      recommendation: 'strong-no',
      ratings: ratings(1),
    });
    await decide(candidateId, 'reject');
    const counted = {
      feedbackGiven: 1,
      ratings: { '1': 1, '2': 0 },
      recommendations: { 'strong-no': 1, no: 0 },
      decisions: { agreed: 1, disagreed: 0 },
    };
    const calibration = () => get(`/interviewers/${hopper}/calibration`, 'hiring-manager');
    expect((await calibration()).json()).toMatchObject(counted);

    const stored = await storedRows(candidateId);
    expect(stored).toContain(hopper);
    for (const words of [
      STRENGTHS,
      CONCERNS,
      NOTES,
      'misread my notes',
      'Debriefed',
      'practising',
    ]) {
      expect(stored).not.toContain(words);
    }

    await api.app.get(PersonalDataVault).erase([dataKeyId('candidate', candidateId)]);
    // The candidacy's later events are folded as before (a request carries no personal data).
    const secondRound = await completedInterview(candidateId, [hopper], [], 2);
    const erased = await eventually('the second round folded', async () => {
      const rows = await storedRows(candidateId);
      return rows.includes(secondRound) ? rows : undefined;
    });
    expect(erased).toContain(ERASED_VALUE);
    expect(erased).not.toContain('Lisbon');
    expect((await calibration()).json()).toMatchObject(counted);
  });
});
