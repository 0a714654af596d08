import { candidateStreamName } from '@hirestream/contracts';
import { eventually, useServiceApps } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import {
  CRITERIA,
  feedbackFixtures,
  person,
  scorecard,
  type Json,
  type Problem,
} from './feedback-fixtures';

const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  assessment: { consumers: true },
});
const fixtures = feedbackFixtures(apps);
const { send } = fixtures;
let rubricId: string;

beforeAll(async () => {
  rubricId = await fixtures.publishKit();
});

const feedbackUrl = (candidateId: string, interviewId: string) =>
  `/candidates/${candidateId}/interviews/${interviewId}/feedback`;
const panelist = (subject: string) => ({ role: 'interviewer' as const, subject });
const rule = (response: { json<T>(): T }) => response.json<Problem>().rule;

describe('feedback requests', () => {
  it('asks each panel member of a completed interview, against the current rubric, due 24 hours after completion', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const candidateId = await fixtures.seeds.interviewingCandidate();
    const interviewId = await fixtures.startedInterview(candidateId, [grace, alan]);
    const before = Date.now();
    await fixtures.complete(candidateId, interviewId);
    const own = await fixtures.requestOf(candidateId, interviewId, grace);
    expect(own).toMatchObject({
      status: 'open',
      rubric: { rubricId, version: 1 },
      draft: null,
      submitted: null,
    });
    const dueIn = Date.parse(String(own.dueAt)) - before;
    expect(dueIn).toBeGreaterThanOrEqual(24 * 3_600_000 - 1_000);
    expect(dueIn).toBeLessThan(24 * 3_600_000 + 15_000);
    await fixtures.requestOf(candidateId, interviewId, alan);
    const types = await fixtures.streamTypes(candidateId);
    expect(types.filter((type) => type === 'FeedbackRequested')).toHaveLength(2);
  });

  it('lists requests per interviewer (their own only) and per candidate, with the overdue ones', async () => {
    const grace = person('grace');
    const { candidateId, interviewId } = await fixtures.completedInterview([grace]);
    const mine = await send('GET', `/interviewers/${grace}/feedback-requests`, panelist(grace));
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ items: Json[] }>().items).toEqual([
      expect.objectContaining({ candidateId, interviewId, status: 'open', overdue: false }),
    ]);
    const overdueNow = await send(
      'GET',
      `/interviewers/${grace}/feedback-requests?overdue=true`,
      panelist(grace),
    );
    expect(overdueNow.json<{ items: Json[] }>().items).toEqual([]);
    const someoneElses = await send(
      'GET',
      `/interviewers/${grace}/feedback-requests`,
      panelist(person('mallory')),
    );
    expect(someoneElses.statusCode).toBe(403);

    // A request already past due, as an earlier completion would have left it.
    const late = person('late');
    const lateInterview = await fixtures.startedInterview(candidateId, [late]);
    const stream = candidateStreamName(candidateId);
    const { revision } = await apps.assessment.store.readStream(stream);
    await apps.assessment.store.append(
      stream,
      [
        { type: 'InterviewCompleted', data: { candidateId, interviewId: lateInterview } },
        {
          type: 'FeedbackRequested',
          data: {
            candidateId,
            interviewId: lateInterview,
            interviewerId: late,
            interviewKind: 'technical',
            round: 1,
            dueAt: '2020-01-01T00:00:00.000Z',
            rubric: null,
          },
        },
      ],
      revision,
      {
        actor: { id: 'assessment', role: 'system' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    );
    const overdue = await eventually('the overdue request', async () => {
      const response = await send(
        'GET',
        `/candidates/${candidateId}/feedback-requests?overdue=true`,
        { role: 'coordinator' },
      );
      const { items } = response.json<{ items: Json[] }>();
      return items.length > 0 ? items : undefined;
    });
    expect(overdue).toEqual([
      expect.objectContaining({ interviewerId: late, status: 'open', overdue: true }),
    ]);

    await send('POST', feedbackUrl(candidateId, interviewId), panelist(grace), scorecard());
    const submitted = await send(
      'GET',
      `/candidates/${candidateId}/feedback-requests?status=submitted`,
      { role: 'auditor' },
    );
    expect(submitted.json<{ items: Json[] }>().items).toEqual([
      expect.objectContaining({ interviewerId: grace, status: 'submitted' }),
    ]);
    const approver = await send('GET', `/candidates/${candidateId}/feedback-requests`, {
      role: 'approver',
    });
    expect(approver.statusCode).toBe(403);
  });
});

describe('scorecards', () => {
  it('saves drafts, then takes the submission once, against every criterion of the stamped rubric', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const { candidateId, interviewId } = await fixtures.completedInterview([grace, alan]);
    const url = feedbackUrl(candidateId, interviewId);

    const draft = await send('PUT', `${url}/draft`, panelist(grace), {
      ratings: [{ criterionId: 'testing', rating: 2 }],
      concerns: 'Not sure yet',
    });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({
      status: 'open',
      draft: { ratings: [{ criterionId: 'testing', rating: 2 }], concerns: 'Not sure yet' },
    });
    expect(draft.headers.etag).toBeDefined();
    const unknown = await send('PUT', `${url}/draft`, panelist(grace), {
      ratings: [{ criterionId: 'charm', rating: 4 }],
    });
    expect(rule(unknown)).toBe('unknown-criterion');

    const partial = await send('POST', url, panelist(grace), {
      ...scorecard(),
      ratings: [{ criterionId: 'system-design', rating: 3 }],
    });
    expect(partial.statusCode).toBe(409);
    expect(partial.json<Problem>()).toMatchObject({ rule: 'criterion-not-rated' });
    expect(partial.json<Problem>().detail).toContain('testing');
    const noRecommendation = await send('POST', url, panelist(grace), {
      ...scorecard(),
      recommendation: 'maybe',
    });
    expect(noRecommendation.statusCode).toBe(400);

    const submitted = await send('POST', url, panelist(grace), scorecard('strong-yes'));
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      draft: null,
      submitted: { recommendation: 'strong-yes', notes: null },
    });
    const again = await send('POST', url, panelist(grace), scorecard());
    expect(rule(again)).toBe('feedback-already-submitted');
    const draftAfter = await send('PUT', `${url}/draft`, panelist(grace), {});
    expect(rule(draftAfter)).toBe('feedback-already-submitted');

    const types = await fixtures.streamTypes(candidateId);
    expect(types.filter((type) => type === 'FeedbackSubmitted')).toHaveLength(1);
  });

  it('amends with a reason, keeping the original, and never before submitting', async () => {
    const grace = person('grace');
    const { candidateId, interviewId } = await fixtures.completedInterview([grace]);
    const url = feedbackUrl(candidateId, interviewId);
    const early = await send('POST', `${url}/amendments`, panelist(grace), {
      ...scorecard(),
      reason: 'second thoughts',
    });
    expect(rule(early)).toBe('feedback-not-submitted');
    await send('POST', url, panelist(grace), scorecard('no'));
    const noReason = await send('POST', `${url}/amendments`, panelist(grace), scorecard('yes'));
    expect(noReason.statusCode).toBe(400);
    const amended = await send('POST', `${url}/amendments`, panelist(grace), {
      ...scorecard('yes'),
      reason: 'I misread my notes on the design question',
    });
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({
      submitted: { recommendation: 'no' },
      amendments: [{ recommendation: 'yes', reason: 'I misread my notes on the design question' }],
    });
    const read = await send('GET', `${url}`, { role: 'hiring-manager' });
    expect(read.json<{ feedback: Json[] }>().feedback).toEqual([
      expect.objectContaining({
        interviewerId: grace,
        submitted: expect.objectContaining({ recommendation: 'no' }),
        current: expect.objectContaining({ recommendation: 'yes' }),
      }),
    ]);
  });

  it('takes feedback only from the panel of a completed interview on an open candidacy', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const candidateId = await fixtures.seeds.interviewingCandidate();
    const interviewId = await fixtures.startedInterview(candidateId, [grace, alan]);
    const url = feedbackUrl(candidateId, interviewId);

    expect(rule(await send('POST', url, panelist(grace), scorecard()))).toBe(
      'interview-not-completed',
    );
    const cancelledInterview = await fixtures.startedInterview(candidateId, [grace]);
    await fixtures.cancel(candidateId, cancelledInterview, 'the panel fell ill');
    expect(
      rule(
        await send(
          'POST',
          feedbackUrl(candidateId, cancelledInterview),
          panelist(grace),
          scorecard(),
        ),
      ),
    ).toBe('interview-cancelled');

    await fixtures.complete(candidateId, interviewId);
    await fixtures.requestOf(candidateId, interviewId, grace);
    const stranger = await send('POST', url, panelist(person('mallory')), scorecard());
    expect(stranger.statusCode).toBe(404);
    expect(rule(await send('POST', url, { role: 'recruiter' }, scorecard()))).toBe('not-on-panel');
    expect((await send('POST', url, { role: 'auditor' }, scorecard())).statusCode).toBe(403);
    expect((await send('POST', url, { role: 'approver' }, scorecard())).statusCode).toBe(403);

    const rejected = await apps.candidates.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/rejection`,
      payload: { category: 'rejected-by-us', reason: 'another was closer' },
      as: 'recruiter',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rule(await send('POST', url, panelist(grace), scorecard()))).toBe('candidacy-closed');
  });
});

describe('blind reads', () => {
  it("refuses a panelist's read until their own is in, records each reveal, and shows staff off the panel everything", async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const { candidateId, interviewId } = await fixtures.completedInterview([grace, alan]);
    const url = feedbackUrl(candidateId, interviewId);

    const nothingYet = await send('GET', url, { role: 'recruiter' });
    expect(nothingYet.json()).toEqual({ candidateId, interviewId, feedback: [] });
    await send('POST', url, panelist(alan), scorecard('no'));
    const blind = await send('GET', url, panelist(grace));
    expect(blind.statusCode).toBe(409);
    expect(blind.json<Problem>()).toMatchObject({ rule: 'own-feedback-first' });
    const blindOnCandidate = await send(
      'GET',
      `/candidates/${candidateId}/feedback`,
      panelist(grace),
    );
    expect(rule(blindOnCandidate)).toBe('own-feedback-first');

    const before = (await fixtures.streamTypes(candidateId)).length;
    const recruiter = await send('GET', `/candidates/${candidateId}/feedback`, {
      role: 'recruiter',
    });
    expect(recruiter.statusCode).toBe(200);
    expect(recruiter.json<{ feedback: Json[] }>().feedback).toEqual([
      expect.objectContaining({ interviewId, interviewerId: alan }),
    ]);
    const { events } = await apps.assessment.store.readStream(candidateStreamName(candidateId));
    expect(events.slice(before).map(({ event }) => event)).toEqual([
      {
        type: 'FeedbackRevealed',
        data: {
          candidateId,
          readerId: 'recruiter-1',
          readerRole: 'recruiter',
          revealed: [{ interviewId, interviewerId: alan }],
        },
      },
    ]);

    // Alan sees only his own: nothing of anyone else's is revealed, so nothing is recorded.
    const own = await send('GET', url, panelist(alan));
    expect(own.json<{ feedback: Json[] }>().feedback).toHaveLength(1);
    expect(await fixtures.streamTypes(candidateId)).toHaveLength(before + 1);

    const outsider = await send('GET', url, panelist(person('mallory')));
    expect(outsider.statusCode).toBe(404);
    expect((await send('GET', url, { role: 'approver' })).statusCode).toBe(403);
    expect((await send('GET', url, { role: 'candidate', candidateId })).statusCode).toBe(403);
  });

  it('reports who saw whose feedback, and whether each recommendation was blind', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const { candidateId, interviewId } = await fixtures.completedInterview([grace, alan]);
    const url = feedbackUrl(candidateId, interviewId);
    await send('POST', url, panelist(alan), scorecard('no'));
    await send('GET', url, { role: 'hiring-manager' });
    await send('POST', url, panelist(grace), scorecard('yes'));
    await send('GET', url, panelist(grace));

    const report = await send('GET', `/candidates/${candidateId}/blind-feedback-report`, {
      role: 'auditor',
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({
      candidateId,
      reveals: [
        { readerId: 'hiring-manager-1', interviewerId: alan, readerSubmittedFirst: null },
        { readerId: grace, interviewerId: alan, readerSubmittedFirst: true },
      ],
      recommendations: [
        { interviewerId: alan, kind: 'submitted', seenBefore: [] },
        { interviewerId: grace, kind: 'submitted', seenBefore: [] },
      ],
      everyPanelistRevealAfterOwnSubmission: true,
      everySubmissionBlind: true,
    });
    for (const role of ['interviewer', 'coordinator', 'approver'] as const) {
      const refused = await send('GET', `/candidates/${candidateId}/blind-feedback-report`, {
        role,
      });
      expect(refused.statusCode).toBe(403);
    }
    const unknown = await send('GET', `/candidates/${randomUUID()}/blind-feedback-report`, {
      role: 'auditor',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe("the panelist's kit", () => {
  it('gives the panel and staff the job kit for the interview, and hides it from anyone else', async () => {
    const grace = person('grace');
    const candidateId = await fixtures.seeds.interviewingCandidate();
    const interviewId = await fixtures.startedInterview(candidateId, [grace]);
    const url = `/candidates/${candidateId}/interviews/${interviewId}/kit`;
    const kit = await send('GET', url, panelist(grace));
    expect(kit.statusCode).toBe(200);
    // The questions, and the rubric with the descriptors a rating is chosen by.
    const rubric = {
      rubricId,
      version: 1,
      criteria: CRITERIA.map((criterionId) => ({
        criterionId,
        descriptors: expect.objectContaining({ '1': expect.any(String) }),
      })),
    };
    expect(kit.json()).toMatchObject({
      kit: { jobId: 'job-1', interviewKind: 'technical', rubricId },
      rubric,
    });
    // Once asked for feedback, the panelist reads the version stamped on their request.
    await fixtures.complete(candidateId, interviewId);
    await fixtures.requestOf(candidateId, interviewId, grace);
    expect((await send('GET', url, panelist(grace))).json()).toMatchObject({ rubric });
    expect((await send('GET', url, { role: 'coordinator' })).statusCode).toBe(200);
    expect((await send('GET', url, panelist(person('mallory')))).statusCode).toBe(404);
    expect((await send('GET', url, { role: 'candidate', candidateId })).statusCode).toBe(403);

    const noKit = await apps.candidates.inject({
      method: 'POST',
      url: '/candidates',
      payload: {
        fullName: 'Ada',
        email: 'ada@example.org',
        jobId: 'job-without-kit',
        source: 'web',
      },
      as: 'recruiter',
    });
    const other = noKit.json<{ id: string }>().id;
    const otherInterview = await fixtures.startedInterview(other, [grace]);
    const missing = await send(
      'GET',
      `/candidates/${other}/interviews/${otherInterview}/kit`,
      panelist(grace),
    );
    expect(missing.statusCode).toBe(404);
  });
});
