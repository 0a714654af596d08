import { candidateStreamName } from '@hirestream/contracts';
import type { Role } from '@hirestream/platform';
import { useServiceApp } from '@hirestream/testing';
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { candidateFacts } from './candidate-facts';

type Json = Record<string, unknown>;
type Problem = { status: number; rule?: string; errors?: { field: string; rule: string }[] };

const api = useServiceApp('assessment');

const descriptors = { '1': 'Far below', '2': 'Below', '3': 'At the bar', '4': 'Well above' };
const criterion = (criterionId: string, name: string): Json => ({
  criterionId,
  name,
  description: `How well the work shows ${name.toLowerCase()}`,
  weight: 1,
  descriptors,
});

const sha256 = createHash('sha256').update('the candidate’s archive').digest('hex');
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

async function send(method: 'GET' | 'POST', url: string, as: Role | string, payload?: Json) {
  const authorization = as.startsWith('Bearer ') ? as : await api.bearer(as as Role);
  return api.inject({ method, url, payload, headers: { authorization } });
}

const { interviewingCandidate, streamTypes } = candidateFacts(() => api.store);

let rubricId: string;
let candidateToken: (candidateId: string) => Promise<string>;
beforeAll(async () => {
  const published = await send('POST', '/rubrics', 'recruiter', {
    name: 'Take-home, backend',
    criteria: [criterion('design', 'Design'), criterion('testing', 'Testing')],
  });
  expect(published.statusCode).toBe(201);
  rubricId = published.json<{ rubricId: string }>().rubricId;
  candidateToken = (candidateId) => api.bearer('candidate', 'candidate-1', candidateId);
});

const assignment = (change: Json = {}): Json => ({
  kind: 'take-home',
  title: 'Rate limiter exercise',
  instructions: 'Build a token bucket rate limiter.\nInclude tests.',
  dueAt: inHours(72),
  reviewerIds: ['reviewer-grace', 'reviewer-alan'],
  rubricId,
  ...change,
});

async function assign(candidateId: string, change: Json = {}) {
  return send('POST', `/candidates/${candidateId}/assignments`, 'recruiter', assignment(change));
}

async function assigned(candidateId: string, change: Json = {}): Promise<string> {
  const response = await assign(candidateId, change);
  expect(response.statusCode).toBe(201);
  return response.json<{ assignmentId: string }>().assignmentId;
}

const submission = { reference: 'https://git.example.org/ada/rate-limiter', sha256 };

async function submit(candidateId: string, assignmentId: string, body: Json = submission) {
  return send(
    'POST',
    `/candidates/${candidateId}/assignments/${assignmentId}/submission`,
    await candidateToken(candidateId),
    body,
  );
}

const scoreBody = {
  ratings: [
    { criterionId: 'design', rating: 3 },
    { criterionId: 'testing', rating: null },
  ],
  strengths: 'A clear, small design',
  concerns: 'No tests of the refill',
  recommendation: 'yes',
};

async function score(
  candidateId: string,
  assignmentId: string,
  reviewerId: string,
  body = scoreBody,
) {
  return send(
    'POST',
    `/candidates/${candidateId}/assignments/${assignmentId}/scores`,
    await api.bearer('interviewer', reviewerId),
    body,
  );
}

describe('take-home assignments', () => {
  it('assigns with the rubric version current then, and the candidate reads what to do and by when', async () => {
    const candidateId = await interviewingCandidate();
    const dueAt = inHours(48);
    const response = await assign(candidateId, { dueAt });
    expect(response.statusCode).toBe(201);
    const view = response.json<Json & { assignmentId: string }>();
    expect(response.headers.location).toBe(
      `/candidates/${candidateId}/assignments/${view.assignmentId}`,
    );
    expect(response.headers.etag).toBe('"2"');
    expect(view).toMatchObject({
      candidateId,
      kind: 'take-home',
      dueAt,
      reviewerIds: ['reviewer-grace', 'reviewer-alan'],
      rubric: {
        rubricId,
        version: 1,
        criteria: [
          { criterionId: 'design', name: 'Design', weight: 1 },
          { criterionId: 'testing', name: 'Testing', weight: 1 },
        ],
      },
      extensions: [],
      submission: null,
      scores: [],
    });

    const own = await send(
      'GET',
      `/candidates/${candidateId}/assignments`,
      await candidateToken(candidateId),
    );
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({
      assignments: [
        {
          candidateId,
          assignmentId: view.assignmentId,
          kind: 'take-home',
          title: 'Rate limiter exercise',
          instructions: 'Build a token bucket rate limiter.\nInclude tests.',
          dueAt,
          submitted: false,
          submission: null,
        },
      ],
    });
    const another = await send(
      'GET',
      `/candidates/${candidateId}/assignments`,
      await api.bearer('candidate', 'candidate-2', randomUUID()),
    );
    expect(another.statusCode).toBe(403);
  });

  it('stamps each assignment with the version current when it is given; a revision changes none given before', async () => {
    const candidateId = await interviewingCandidate();
    const content = (...criteria: Json[]) => ({ name: 'Work sample, frontend', criteria });
    const published = await send('POST', '/rubrics', 'recruiter', content(criterion('ux', 'UX')));
    const ownRubric = published.json<{ rubricId: string }>().rubricId;
    const first = await assigned(candidateId, { rubricId: ownRubric, kind: 'work-sample' });
    const revised = await api.inject({
      method: 'PUT',
      url: `/rubrics/${ownRubric}`,
      payload: content(criterion('ux', 'UX'), criterion('a11y', 'Accessibility')),
      as: 'recruiter',
    });
    expect(revised.statusCode).toBe(200);
    const second = await assigned(candidateId, { rubricId: ownRubric, kind: 'work-sample' });
    const list = await send('GET', `/candidates/${candidateId}/assignments`, 'auditor');
    const stamped = list
      .json<{
        assignments: { assignmentId: string; rubric: { version: number; criteria: Json[] } }[];
      }>()
      .assignments.map(({ assignmentId, rubric }) => [
        assignmentId,
        rubric.version,
        rubric.criteria.length,
      ]);
    expect(stamped).toEqual([
      [first, 1, 1],
      [second, 2, 2],
    ]);
  });

  it('refuses a rubric never published, a due time not in the future and an unknown candidate', async () => {
    const candidateId = await interviewingCandidate();
    const unknownRubric = await assign(candidateId, { rubricId: randomUUID() });
    expect(unknownRubric.statusCode).toBe(409);
    expect(unknownRubric.json<Problem>().rule).toBe('unknown-rubric');
    const past = await assign(candidateId, { dueAt: '2020-01-01T00:00:00Z' });
    expect(past.json<Problem>()).toMatchObject({ status: 409, rule: 'in-the-past' });
    expect((await assign(randomUUID())).statusCode).toBe(404);
    expect(await streamTypes(candidateId)).toEqual([
      'CandidateRegistered',
      'CandidateStageChanged',
    ]);
  });

  it('takes the work once, with its checksum, and only from the candidate themself', async () => {
    const candidateId = await interviewingCandidate();
    const assignmentId = await assigned(candidateId);
    const byRecruiter = await send(
      'POST',
      `/candidates/${candidateId}/assignments/${assignmentId}/submission`,
      'recruiter',
      submission,
    );
    expect(byRecruiter.statusCode).toBe(403);

    const submitted = await submit(candidateId, assignmentId);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({
      submitted: true,
      submission: { ...submission, late: false },
    });
    const again = await submit(candidateId, assignmentId, {
      reference: 'uploads/ada/rate-limiter-v2.zip',
      sha256,
    });
    expect(again.json<Problem>()).toMatchObject({
      status: 409,
      rule: 'assessment-already-submitted',
    });
    const { events } = await api.store.readStream(candidateStreamName(candidateId));
    expect(events.at(-1)?.event).toEqual({
      type: 'AssessmentSubmitted',
      data: { candidateId, assignmentId, ...submission, late: false },
    });
  });

  it('accepts a stored-content reference and refuses a link that is not https, a reference with spaces and a bad checksum', async () => {
    const candidateId = await interviewingCandidate();
    const assignmentId = await assigned(candidateId);
    for (const reference of [
      'http://git.example.org/ada',
      'ftp://files.example.org/a',
      'my work.zip',
    ]) {
      const refused = await submit(candidateId, assignmentId, { reference, sha256 });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<Problem>().errors).toEqual([
        expect.objectContaining({ field: 'reference', rule: 'submissionReference' }),
      ]);
    }
    const badDigest = await submit(candidateId, assignmentId, {
      reference: 'uploads/ada.zip',
      sha256: sha256.toUpperCase(),
    });
    expect(badDigest.json<Problem>().errors).toEqual([
      expect.objectContaining({ field: 'sha256', rule: 'sha256' }),
    ]);
    const stored = await submit(candidateId, assignmentId, {
      reference: 'uploads/ada.zip',
      sha256,
    });
    expect(stored.statusCode).toBe(200);
  });

  it('marks work submitted after the due time late, against the extended due time', async () => {
    const candidateId = await interviewingCandidate();
    const onTime = await assigned(candidateId, {
      dueAt: new Date(Date.now() + 2_000).toISOString(),
    });
    const late = await assigned(candidateId, { dueAt: new Date(Date.now() + 2_000).toISOString() });
    const newDue = inHours(24);
    const extended = await send(
      'POST',
      `/candidates/${candidateId}/assignments/${onTime}/extension`,
      'coordinator',
      { dueAt: newDue, reason: 'The candidate is travelling' },
    );
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({
      dueAt: newDue,
      extensions: [{ dueAt: newDue, reason: 'The candidate is travelling' }],
    });
    const earlier = await send(
      'POST',
      `/candidates/${candidateId}/assignments/${onTime}/extension`,
      'recruiter',
      { dueAt: inHours(2), reason: 'Sooner after all' },
    );
    expect(earlier.json<Problem>()).toMatchObject({ status: 409, rule: 'due-not-later' });
    await sleep(2_100);

    expect((await submit(candidateId, onTime)).json()).toMatchObject({
      submission: { late: false },
    });
    expect((await submit(candidateId, late)).json()).toMatchObject({
      submission: { late: true },
    });
    const afterSubmission = await send(
      'POST',
      `/candidates/${candidateId}/assignments/${late}/extension`,
      'recruiter',
      { dueAt: inHours(48), reason: 'Too late now' },
    );
    expect(afterSubmission.json<Problem>().rule).toBe('assessment-already-submitted');
  });

  it('lets each named reviewer score once after submission; others learn nothing; the candidate never sees a score', async () => {
    const candidateId = await interviewingCandidate();
    const assignmentId = await assigned(candidateId);
    const url = `/candidates/${candidateId}/assignments/${assignmentId}`;

    const early = await score(candidateId, assignmentId, 'reviewer-grace');
    expect(early.json<Problem>()).toMatchObject({ status: 409, rule: 'assessment-not-submitted' });
    expect((await submit(candidateId, assignmentId)).statusCode).toBe(200);

    const stranger = await api.bearer('interviewer', 'reviewer-stranger');
    expect((await score(candidateId, assignmentId, 'reviewer-stranger')).statusCode).toBe(404);
    expect((await send('GET', url, stranger)).statusCode).toBe(404);

    const unrated = await score(candidateId, assignmentId, 'reviewer-grace', {
      ...scoreBody,
      ratings: [{ criterionId: 'design', rating: 3 }],
    });
    expect(unrated.json<Problem>()).toMatchObject({ status: 409, rule: 'criterion-not-rated' });
    const scored = await score(candidateId, assignmentId, 'reviewer-grace');
    expect(scored.statusCode).toBe(200);
    const twice = await score(candidateId, assignmentId, 'reviewer-grace');
    expect(twice.json<Problem>().rule).toBe('assessment-already-scored');
    expect((await score(candidateId, assignmentId, 'reviewer-alan')).statusCode).toBe(200);

    const grace = await send('GET', url, await api.bearer('interviewer', 'reviewer-grace'));
    expect(grace.json<{ scores: Json[] }>().scores).toEqual([
      { reviewerId: 'reviewer-grace', ...scoreBody, notes: null },
    ]);
    const manager = await send('GET', url, 'hiring-manager');
    expect(manager.json<{ scores: Json[] }>().scores.map((s) => s.reviewerId)).toEqual([
      'reviewer-grace',
      'reviewer-alan',
    ]);
    const candidate = await send('GET', url, await candidateToken(candidateId));
    expect(candidate.statusCode).toBe(200);
    expect(Object.keys(candidate.json<Json>()).sort()).toEqual(
      [
        'assignmentId',
        'candidateId',
        'dueAt',
        'instructions',
        'kind',
        'submission',
        'submitted',
        'title',
      ].sort(),
    );
    expect((await send('GET', url, 'approver')).statusCode).toBe(403);
  });
});
