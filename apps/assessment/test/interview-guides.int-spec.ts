import type { Role } from '@hirestream/platform';
import { useServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import { interviewKitStreamName } from '../src/domain/interview-kit.stream';
import { rubricStreamName } from '../src/domain/rubric.decider';
import { INTERVIEW_GUIDES, type InterviewGuides } from '../src/interview-guides/interview-guides';

type Json = Record<string, unknown>;

const api = useServiceApp('assessment');

const descriptors = {
  '1': 'Could not explain the trade-offs',
  '2': 'Named one trade-off',
  '3': 'Weighed the main trade-offs',
  '4': 'Compared three designs and chose with reasons',
};
const criterion = (criterionId: string, name: string, weight = 1): Json => ({
  criterionId,
  name,
  description: `How well the candidate shows ${name.toLowerCase()}`,
  weight,
  descriptors,
});
const DESIGN = criterion('system-design', 'System design', 3);
const TESTING = criterion('testing', 'Testing', 2);
const COMMUNICATION = criterion('communication', 'Communication', 1);
const rubricBody = (...criteria: Json[]): Json => ({ name: 'Backend engineer, senior', criteria });

const question = (questionId: string, criterionIds: string[]): Json => ({
  questionId,
  type: 'technical',
  text: 'Design a rate limiter for an API.',
  guidance: 'Listen for where the counters live and what happens when they are lost.',
  criterionIds,
});
const kitBody = (rubricId: string, ...questions: Json[]): Json => ({
  title: 'Senior backend: technical interview',
  rubricId,
  questions,
});

/** The roles that may not write rubrics and kits, and those that may not even read them. */
const NOT_AUTHORS: readonly Role[] = [
  'coordinator',
  'auditor',
  'interviewer',
  'approver',
  'candidate',
];
const NOT_READERS: readonly Role[] = ['interviewer', 'approver', 'candidate'];

/** A candidate's token names their own candidacy; rubrics and kits are no candidacy's. */
const CANDIDACY = randomUUID();

async function send(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  role: Role,
  payload?: Json,
  headers: Record<string, string> = {},
) {
  const authorization =
    role === 'candidate'
      ? await api.bearer('candidate', 'candidate-1', CANDIDACY)
      : await api.bearer(role);
  return api.inject({ method, url, payload, headers: { authorization, ...headers } });
}

async function publishRubric(...criteria: Json[]): Promise<string> {
  const response = await send('POST', '/rubrics', 'recruiter', rubricBody(...criteria));
  expect(response.statusCode).toBe(201);
  return response.json<{ rubricId: string }>().rubricId;
}

async function eventsIn(streamName: string): Promise<string[]> {
  const { events } = await api.store.readStream(streamName);
  return events.map(({ event }) => event.type);
}

/** A job id no other test uses, with the characters job ids may hold. */
const newJobId = () => `acme:job-${randomUUID().slice(0, 8)}`;

describe('rubrics', () => {
  it('publishes version 1 under a server-made id, then later versions, each readable for good', async () => {
    const created = await send('POST', '/rubrics', 'hiring-manager', rubricBody(DESIGN));
    expect(created.statusCode).toBe(201);
    const first = created.json<{ rubricId: string; version: number }>();
    expect(first).toEqual({ rubricId: first.rubricId, version: 1, ...rubricBody(DESIGN) });
    expect(created.headers.location).toBe(`/rubrics/${first.rubricId}`);
    expect(created.headers.etag).toBe('"0"');

    const revised = await send(
      'PUT',
      `/rubrics/${first.rubricId}`,
      'recruiter',
      rubricBody(DESIGN, TESTING),
      { 'if-match': '"0"' },
    );
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({ version: 2, criteria: [DESIGN, TESTING] });
    expect(revised.headers.etag).toBe('"1"');

    const current = await send('GET', `/rubrics/${first.rubricId}`, 'coordinator');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ version: 2, criteria: [DESIGN, TESTING] });
    expect(current.headers.etag).toBe('"1"');

    const old = await send('GET', `/rubrics/${first.rubricId}/versions/1`, 'auditor');
    expect(old.statusCode).toBe(200);
    expect(old.json()).toEqual(first);
    const missing = await send('GET', `/rubrics/${first.rubricId}/versions/3`, 'auditor');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ detail: string }>().detail).toContain('current version is 2');
    expect(await eventsIn(rubricStreamName(first.rubricId))).toEqual([
      'RubricPublished',
      'RubricPublished',
    ]);
  });

  it('publishes nothing when a version is sent again (a repeated PUT)', async () => {
    const rubricId = await publishRubric(DESIGN);
    for (let i = 0; i < 2; i++) {
      const repeated = await send('PUT', `/rubrics/${rubricId}`, 'admin', rubricBody(DESIGN));
      expect(repeated.statusCode).toBe(200);
      expect(repeated.json()).toMatchObject({ version: 1 });
      expect(repeated.headers.etag).toBe('"0"');
    }
    expect(await eventsIn(rubricStreamName(rubricId))).toEqual(['RubricPublished']);
  });

  it('stores text as every service does: NFC and trimmed', async () => {
    const created = await send('POST', '/rubrics', 'recruiter', {
      name: '  Cafe\u0301 staff  ',
      criteria: [{ ...DESIGN, name: ' Syste\u0300m design ' }],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Caf\u00e9 staff',
      criteria: [{ name: 'Syst\u00e8m design' }],
    });
  });

  it('refuses a stale If-Match, two criteria with one id or one name, and malformed content', async () => {
    const rubricId = await publishRubric(DESIGN);
    const stale = await send('PUT', `/rubrics/${rubricId}`, 'recruiter', rubricBody(TESTING), {
      'if-match': '"5"',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ rule: 'if-match-mismatch', currentRevision: '0' });

    const sameId = await send(
      'POST',
      '/rubrics',
      'recruiter',
      rubricBody(DESIGN, { ...TESTING, criterionId: 'system-design' }),
    );
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json()).toMatchObject({ rule: 'duplicate-criterion-id' });
    const sameName = await send(
      'PUT',
      `/rubrics/${rubricId}`,
      'recruiter',
      rubricBody(DESIGN, { ...TESTING, name: 'system design' }),
    );
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json()).toMatchObject({ rule: 'duplicate-criterion-name' });

    const { descriptors: _descriptors, ...withoutDescriptors } = DESIGN;
    for (const body of [
      rubricBody(),
      rubricBody(withoutDescriptors),
      rubricBody({ ...DESIGN, weight: 0 }),
      rubricBody({ ...DESIGN, descriptors: { ...descriptors, '5': 'Beyond the scale' } }),
    ]) {
      expect((await send('POST', '/rubrics', 'recruiter', body)).statusCode).toBe(400);
    }
    expect(await eventsIn(rubricStreamName(rubricId))).toEqual(['RubricPublished']);
  });

  it('answers 404 for a rubric never published, and 400 for a malformed id or version', async () => {
    const unknown = randomUUID();
    expect((await send('GET', `/rubrics/${unknown}`, 'recruiter')).statusCode).toBe(404);
    expect((await send('GET', `/rubrics/${unknown}/versions/1`, 'recruiter')).statusCode).toBe(404);
    const revised = await send('PUT', `/rubrics/${unknown}`, 'recruiter', rubricBody(DESIGN));
    expect(revised.statusCode).toBe(404);
    expect(await eventsIn(rubricStreamName(unknown))).toEqual([]);
    expect((await send('GET', '/rubrics/not-a-uuid', 'recruiter')).statusCode).toBe(400);
    const rubricId = await publishRubric(DESIGN);
    for (const version of ['0', '-1', 'one', '1.5']) {
      const response = await send('GET', `/rubrics/${rubricId}/versions/${version}`, 'admin');
      expect(response.statusCode).toBe(400);
    }
  });

  it('lets authors write and staff read, and no one else', async () => {
    const rubricId = await publishRubric(DESIGN);
    for (const role of NOT_AUTHORS) {
      expect((await send('POST', '/rubrics', role, rubricBody(DESIGN))).statusCode).toBe(403);
      const revised = await send('PUT', `/rubrics/${rubricId}`, role, rubricBody(TESTING));
      expect(revised.statusCode).toBe(403);
    }
    for (const role of NOT_READERS) {
      expect((await send('GET', `/rubrics/${rubricId}`, role)).statusCode).toBe(403);
      expect((await send('GET', `/rubrics/${rubricId}/versions/1`, role)).statusCode).toBe(403);
    }
    expect(await eventsIn(rubricStreamName(rubricId))).toEqual(['RubricPublished']);
  });
});

describe('interview kits', () => {
  it('publishes versions of a job kit for an interview kind, each PUT answered 200', async () => {
    const rubricId = await publishRubric(DESIGN, TESTING);
    const jobId = newJobId();
    const url = `/jobs/${jobId}/interview-kits/technical`;

    const first = await send(
      'PUT',
      url,
      'hiring-manager',
      kitBody(rubricId, question('q-1', ['system-design'])),
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      jobId,
      interviewKind: 'technical',
      version: 1,
      ...kitBody(rubricId, question('q-1', ['system-design'])),
    });
    expect(first.headers.etag).toBe('"0"');

    const second = await send(
      'PUT',
      url,
      'recruiter',
      kitBody(rubricId, question('q-1', ['system-design']), question('q-2', ['testing'])),
      { 'if-match': '"0"' },
    );
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ version: 2 });
    expect(second.headers.etag).toBe('"1"');

    const repeated = await send(
      'PUT',
      url,
      'admin',
      kitBody(rubricId, question('q-1', ['system-design']), question('q-2', ['testing'])),
    );
    expect(repeated.json()).toMatchObject({ version: 2 });

    const read = await send('GET', url, 'coordinator');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(second.json());
    expect(read.headers.etag).toBe('"1"');
    expect(await eventsIn(interviewKitStreamName(jobId, 'technical'))).toEqual([
      'InterviewKitPublished',
      'InterviewKitPublished',
    ]);
    const otherKind = await send('GET', `/jobs/${jobId}/interview-kits/panel`, 'auditor');
    expect(otherKind.statusCode).toBe(404);
  });

  it("refuses a kit whose rubric does not exist, or whose question names a criterion the rubric's current version lacks", async () => {
    const jobId = newJobId();
    const url = `/jobs/${jobId}/interview-kits/first`;
    const unknownRubric = await send(
      'PUT',
      url,
      'recruiter',
      kitBody(randomUUID(), question('q-1', [])),
    );
    expect(unknownRubric.statusCode).toBe(409);
    expect(unknownRubric.json()).toMatchObject({ rule: 'unknown-rubric' });

    const rubricId = await publishRubric(DESIGN, COMMUNICATION);
    const narrowed = await send('PUT', `/rubrics/${rubricId}`, 'recruiter', rubricBody(DESIGN));
    expect(narrowed.json()).toMatchObject({ version: 2 });
    const dropped = await send(
      'PUT',
      url,
      'recruiter',
      kitBody(rubricId, question('q-1', ['system-design', 'communication'])),
    );
    expect(dropped.statusCode).toBe(409);
    expect(dropped.json()).toMatchObject({ rule: 'unknown-criterion' });
    expect(dropped.json<{ detail: string }>().detail).toContain('version 2');

    const sameQuestion = await send(
      'PUT',
      url,
      'recruiter',
      kitBody(rubricId, question('q-1', []), question('q-1', ['system-design'])),
    );
    expect(sameQuestion.json()).toMatchObject({ rule: 'duplicate-question-id' });
    expect(await eventsIn(interviewKitStreamName(jobId, 'first'))).toEqual([]);
  });

  it('refuses malformed input with 400 and anyone but authors and staff readers with 403', async () => {
    const rubricId = await publishRubric(DESIGN);
    const jobId = newJobId();
    const url = `/jobs/${jobId}/interview-kits/technical`;
    const body = kitBody(rubricId, question('q-1', ['system-design']));
    for (const [path, payload] of [
      [`/jobs/${jobId}/interview-kits/lunch`, body],
      ['/jobs/-job/interview-kits/technical', body],
      [url, kitBody(rubricId)],
      [url, kitBody('not-a-uuid', question('q-1', []))],
      [url, kitBody(rubricId, { ...question('q-1', []), type: 'trivia' })],
    ] as const) {
      expect((await send('PUT', path, 'recruiter', payload)).statusCode).toBe(400);
    }
    for (const role of NOT_AUTHORS) {
      expect((await send('PUT', url, role, body)).statusCode).toBe(403);
    }
    for (const role of NOT_READERS) {
      expect((await send('GET', url, role)).statusCode).toBe(403);
    }
    expect(await eventsIn(interviewKitStreamName(jobId, 'technical'))).toEqual([]);
  });
});

describe('the InterviewGuides port', () => {
  it("reads a kit's current version and its rubric at the rubric's current version", async () => {
    const guides = api.app.get<InterviewGuides>(INTERVIEW_GUIDES);
    const rubricId = await publishRubric(DESIGN);
    const jobId = newJobId();
    expect(await guides.kitFor(jobId, 'technical')).toBeNull();
    expect(await guides.rubricForInterview(jobId, 'technical')).toBeNull();
    expect(await guides.currentRubric(randomUUID())).toBeNull();

    const body = kitBody(rubricId, question('q-1', ['system-design']));
    await send('PUT', `/jobs/${jobId}/interview-kits/technical`, 'recruiter', body);
    expect(await guides.kitFor(jobId, 'technical')).toEqual({
      jobId,
      interviewKind: 'technical',
      version: 1,
      ...body,
    });
    expect(await guides.kitFor(jobId, 'panel')).toBeNull();

    await send('PUT', `/rubrics/${rubricId}`, 'recruiter', rubricBody(DESIGN, TESTING));
    const stamped = {
      rubricId,
      version: 2,
      criteria: [
        { criterionId: 'system-design', name: 'System design', weight: 3 },
        { criterionId: 'testing', name: 'Testing', weight: 2 },
      ],
    };
    expect(await guides.rubricForInterview(jobId, 'technical')).toEqual(stamped);
    expect(await guides.currentRubric(rubricId)).toEqual(stamped);
  });
});
