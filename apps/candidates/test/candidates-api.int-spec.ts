import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { candidateStreamName, serviceEventsTopic } from '@hirestream/contracts';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { useServiceApp } from '@hirestream/testing';

type Json = Record<string, unknown>;

const api = useServiceApp('candidates');
let recruiter: string;

beforeAll(async () => {
  recruiter = await api.bearer('recruiter');
});

const newCandidate = (overrides: Json = {}): Json => ({
  fullName: 'Ada Lovelace',
  email: 'ada@example.org',
  phone: '+44 20 7946 0958',
  jobId: 'job-backend-7',
  source: 'referral',
  resumeRef: 'resumes/ada.pdf',
  ...overrides,
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return api.inject({
    method: 'POST',
    url,
    payload: body as Json,
    headers: { authorization: recruiter, ...headers },
  });
}

async function register(overrides: Json = {}): Promise<{ id: string; etag: string }> {
  const response = await post('/candidates', newCandidate(overrides));
  expect(response.statusCode).toBe(201);
  return { id: response.json<{ id: string }>().id, etag: String(response.headers.etag) };
}

async function historyTypes(id: string): Promise<string[]> {
  const response = await api.inject({
    method: 'GET',
    url: `/candidates/${id}/history`,
    headers: { authorization: recruiter },
  });
  return response.json<{ events: { type: string }[] }>().events.map((e) => e.type);
}

describe('candidates API', () => {
  it('registers, screens, moves and rejects a candidate, and shows its state and history', async () => {
    const created = await post('/candidates', newCandidate());
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    expect(created.headers.location).toBe(`/candidates/${id}`);
    expect(created.headers.etag).toBe('"0"');
    expect(created.json()).toMatchObject({
      id,
      stage: 'applied',
      fullName: 'Ada Lovelace',
      revision: '0',
    });

    const screened = await post(`/candidates/${id}/screening`, {
      passed: true,
      notes: 'great call',
    });
    expect(screened.statusCode).toBe(200);
    expect(screened.json()).toMatchObject({
      stage: 'screening',
      screening: { passed: true, notes: 'great call', screenedBy: 'recruiter-1' },
    });
    expect(screened.headers.etag).toBe('"2"');

    const moved = await post(`/candidates/${id}/stage`, { to: 'interviewing' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ stage: 'interviewing' });

    // Only a background check's final adverse action rejects in that category.
    const adverse = await post(`/candidates/${id}/rejection`, {
      category: 'adverse-action',
      reason: 'a relevant conviction',
    });
    expect(adverse.statusCode).toBe(400);
    expect(JSON.stringify(adverse.json())).toContain('category');

    const rejected = await post(`/candidates/${id}/rejection`, {
      category: 'rejected-by-us',
      reason: 'another candidate was a closer fit',
      feedbackForCandidate: 'Thank you; strong systems knowledge.',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({
      stage: 'rejected',
      rejection: { category: 'rejected-by-us' },
    });

    const read = await api.inject({
      method: 'GET',
      url: `/candidates/${id}`,
      headers: { authorization: recruiter },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"4"');
    expect(read.json()).toMatchObject({ id, stage: 'rejected', revision: '4' });

    const history = await api.inject({
      method: 'GET',
      url: `/candidates/${id}/history`,
      headers: { authorization: recruiter },
    });
    const events = history.json<{ events: Json[] }>().events;
    expect(events.map((e) => e.type)).toEqual([
      'CandidateRegistered',
      'CandidateStageChanged',
      'ScreeningRecorded',
      'CandidateStageChanged',
      'CandidateRejected',
    ]);
    expect(events.map((e) => e.revision)).toEqual(['0', '1', '2', '3', '4']);
    expect(events.map((e) => e.schemaVersion)).toEqual([1, 1, 2, 1, 1]);
    for (const event of events) {
      expect(event).toMatchObject({
        actor: { id: 'recruiter-1', role: 'recruiter' },
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        correlationId: expect.any(String),
        causationId: expect.any(String),
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
  });

  it('publishes each event to Kafka keyed by candidate id with CloudEvents headers, as an outside subscriber sees it', async () => {
    const { id } = await register({ fullName: 'Kafka Reader' });
    await post(`/candidates/${id}/screening`, { passed: true, notes: 'fine' });
    const kafka = new Kafka({
      brokers: [api.servers.kafka.bootstrapAddress],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `outside-subscriber-${id}` });
    const mine: KafkaMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: serviceEventsTopic('candidates'), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void (message.key?.toString() === id && mine.push(message)),
    });
    for (let tries = 0; mine.length < 3 && tries < 500; tries += 1) await sleep(20);
    await consumer.disconnect();

    const headers = mine.map((m) =>
      Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
    );
    expect(headers.map((h) => h.ce_type)).toEqual([
      'hirestream.candidates.CandidateRegistered.v1',
      'hirestream.candidates.CandidateStageChanged.v1',
      'hirestream.candidates.ScreeningRecorded.v2',
    ]);
    expect(headers[0]).toMatchObject({
      ce_specversion: '1.0',
      ce_source: '/hirestream/candidates',
      ce_subject: id,
      'content-type': 'application/json',
      ce_actorid: 'recruiter-1',
      ce_actorrole: 'recruiter',
      ce_streamrevision: '0',
      ce_datakeyids: `candidate:${id}`,
    });
    // Personal values travel sealed under the candidacy's key; the rest as it is.
    expect(mine[0].value!.toString()).not.toContain('Kafka Reader');
    expect(JSON.parse(mine[0].value!.toString())).toMatchObject({
      candidateId: id,
      fullName: { $enc: 'v1', kid: `candidate:${id}` },
    });
    expect(headers[1].ce_datakeyids).toBeUndefined();
    const history = await api.inject({
      method: 'GET',
      url: `/candidates/${id}/history`,
      headers: { authorization: recruiter },
    });
    expect(headers.map((h) => h.ce_id)).toEqual(
      history.json<{ events: { eventId: string }[] }>().events.map((e) => e.eventId),
    );
  });

  it("keeps working when the stream holds another service's events", async () => {
    const { id } = await register();
    const client = EventStoreDBClient.connectionString`${api.servers.eventStore.connectionString}`;
    try {
      await client.appendToStream(
        candidateStreamName(id),
        jsonEvent({
          type: 'InterviewConfirmed',
          data: { candidateId: id, interviewId: 'i-1' },
          metadata: {
            occurredAt: new Date().toISOString(),
            actor: { id: 'x', role: 'candidate' },
            schemaVersion: 1,
          },
        }),
      );
    } finally {
      await client.dispose();
    }
    const rejected = await post(`/candidates/${id}/rejection`, {
      category: 'other',
      reason: 'position closed',
    });
    expect(rejected.statusCode).toBe(200);
    expect(await historyTypes(id)).toEqual([
      'CandidateRegistered',
      'InterviewConfirmed',
      'CandidateRejected',
    ]);
  });

  it('refuses a move the process does not allow with 409 naming the rule', async () => {
    const { id } = await register();
    const response = await post(`/candidates/${id}/stage`, { to: 'offer' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 409,
      rule: 'stage-move-not-allowed',
      detail: expect.stringContaining('cannot move to offer'),
    });
  });

  it('answers 404 for a candidate that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const read = await api.inject({
      method: 'GET',
      url: `/candidates/${missing}`,
      headers: { authorization: recruiter },
    });
    expect(read.statusCode).toBe(404);
    const screen = await post(`/candidates/${missing}/screening`, { passed: true });
    expect(screen.statusCode).toBe(404);
  });

  describe('If-Match', () => {
    it('applies a command at the expected revision and refuses a stale one with 409, appending nothing', async () => {
      const { id, etag } = await register();
      const ok = await post(
        `/candidates/${id}/screening`,
        { passed: true, notes: 'ok' },
        { 'if-match': etag },
      );
      expect(ok.statusCode).toBe(200);
      const stale = await post(
        `/candidates/${id}/stage`,
        { to: 'interviewing' },
        { 'if-match': etag },
      );
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({
        detail: expect.stringContaining('expected revision 0'),
      });
      expect(await historyTypes(id)).toEqual([
        'CandidateRegistered',
        'CandidateStageChanged',
        'ScreeningRecorded',
      ]);
      const fresh = await post(
        `/candidates/${id}/stage`,
        { to: 'interviewing' },
        { 'if-match': String(ok.headers.etag) },
      );
      expect(fresh.statusCode).toBe(200);
    });

    it('refuses a malformed If-Match with 400', async () => {
      const { id } = await register();
      const response = await post(`/candidates/${id}/withdrawal`, {}, { 'if-match': 'W/"0"' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        status: 400,
        detail: expect.stringContaining('If-Match'),
      });
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first result to a repeated POST and appends nothing more', async () => {
      const headers = { 'idempotency-key': `register-${Date.now()}` };
      const first = await post('/candidates', newCandidate({ fullName: 'Once Only' }), headers);
      const second = await post('/candidates', newCandidate({ fullName: 'Once Only' }), headers);
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(second.headers.location).toBe(first.headers.location);
      expect(second.headers['idempotent-replayed']).toBe('true');
      const { id } = first.json<{ id: string }>();
      expect(await historyTypes(id)).toEqual(['CandidateRegistered']);

      const screen = { passed: false, notes: 'not now' };
      const key = { 'idempotency-key': `screen-${id}` };
      expect((await post(`/candidates/${id}/screening`, screen, key)).statusCode).toBe(200);
      expect((await post(`/candidates/${id}/screening`, screen, key)).statusCode).toBe(200);
      expect(await historyTypes(id)).toEqual([
        'CandidateRegistered',
        'CandidateStageChanged',
        'ScreeningRecorded',
      ]);
    });

    it('takes a repeat whose fields come in another order for the same request', async () => {
      const headers = { 'idempotency-key': `reordered-${Date.now()}` };
      const body = newCandidate({ fullName: 'In Any Order' });
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await post('/candidates', body, headers);
      const second = await post('/candidates', reordered, headers);
      expect(second.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.json()).toEqual(first.json());
    });

    it('refuses the same key with a different body (422) and frees the key of a refused request', async () => {
      const headers = { 'idempotency-key': `reuse-${Date.now()}` };
      expect((await post('/candidates', newCandidate(), headers)).statusCode).toBe(201);
      const reused = await post('/candidates', newCandidate({ fullName: 'Someone Else' }), headers);
      expect(reused.statusCode).toBe(422);

      const { id } = await register();
      const retryKey = { 'idempotency-key': `retry-${id}` };
      expect(
        (await post(`/candidates/${id}/stage`, { to: 'interviewing' }, retryKey)).statusCode,
      ).toBe(409);
      const corrected = await post(`/candidates/${id}/stage`, { to: 'screening' }, retryKey);
      expect(corrected.statusCode).toBe(200);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    });

    it('remembers a key for IDEMPOTENCY_TTL_HOURS (24 by default), as the $maxAge of its stream', async () => {
      const client = api.app.get(EventStoreDBClient);
      const headers = { 'idempotency-key': `remembered-${Date.now()}` };
      expect((await post('/candidates', newCandidate(), headers)).statusCode).toBe(201);
      const records: string[] = [];
      for await (const { event } of client.readAll({
        direction: 'backwards',
        fromPosition: 'end',
        maxCount: 20,
      })) {
        if (event?.streamId.startsWith('idempotency-')) records.push(event.streamId);
      }
      expect(records.length).toBeGreaterThan(0);
      const { metadata } = await client.getStreamMetadata(records[0]!);
      expect(metadata?.maxAge).toBe(24 * 60 * 60);
    });

    it('runs concurrent repeats of one key once', async () => {
      const headers = { 'idempotency-key': `concurrent-${Date.now()}` };
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          post('/candidates', newCandidate({ jobId: 'job-concurrent-key' }), headers),
        ),
      );
      const created = responses
        .filter((r) => r.statusCode === 201)
        .map((r) => r.json<{ id: string }>().id);
      expect(new Set(created).size).toBe(1);
      expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    });
  });

  it('keeps every concurrent command on one candidate consistent: one terminal outcome, the rest refused', async () => {
    const { id } = await register();
    const attempts = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        post(`/candidates/${id}/rejection`, { category: 'other', reason: 'position closed' }),
      ),
      ...Array.from({ length: 4 }, () =>
        post(`/candidates/${id}/withdrawal`, { reason: 'accepted elsewhere' }),
      ),
    ]);
    const statuses = attempts.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const types = await historyTypes(id);
    expect(types).toHaveLength(2);
    expect(['CandidateRejected', 'CandidateWithdrew']).toContain(types[1]);
  });

  describe('bad input', () => {
    it.each([
      ['a missing field', newCandidate({ fullName: undefined }), 'fullName'],
      ['a blank name', newCandidate({ fullName: '   ' }), 'fullName'],
      ['an invalid email', newCandidate({ email: 'not-an-email' }), 'email'],
      ['a wrong type', newCandidate({ jobId: 42 }), 'jobId'],
      ['an invalid phone', newCandidate({ phone: 'call me' }), 'phone'],
      ['an unknown field', newCandidate({ salary: 100 }), 'salary'],
      ['a too-long value', newCandidate({ source: 'x'.repeat(101) }), 'source'],
      ['a bad person id', newCandidate({ personId: 'p1' }), 'personId'],
    ])('answers %s with a 400 problem naming the field', async (_case, body, field) => {
      const response = await post('/candidates', body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const problem = response.json<{ errors: { field: string; rule: string }[] }>();
      expect(problem.errors.map((e) => e.field)).toContain(field);
    });

    it('names every bad field of a command and the bad stage value', async () => {
      const { id } = await register();
      const screening = await post(`/candidates/${id}/screening`, { passed: 'yes', notes: 7 });
      const fields = (response: { json: () => { errors: { field: string }[] } }) =>
        [...new Set(response.json().errors.map((e) => e.field))].sort();
      expect(fields(screening)).toEqual(['notes', 'passed']);
      const stage = await post(`/candidates/${id}/stage`, { to: 'promoted' });
      expect(stage.statusCode).toBe(400);
      expect(stage.json()).toMatchObject({ errors: [{ field: 'to', rule: 'enum' }] });
      const reject = await post(`/candidates/${id}/rejection`, { category: 'bored', reason: '' });
      expect(fields(reject)).toEqual(['category', 'reason']);
    });

    it('refuses a candidate id that is not a UUID, malformed JSON and bad list queries', async () => {
      const badId = await api.inject({
        method: 'GET',
        url: '/candidates/123',
        headers: { authorization: recruiter },
      });
      expect(badId.statusCode).toBe(400);
      expect(badId.json()).toMatchObject({ errors: [{ field: 'id' }] });
      const malformed = await api.inject({
        method: 'POST',
        url: '/candidates',
        payload: '{"fullName": ',
        headers: { authorization: recruiter, 'content-type': 'application/json' },
      });
      expect(malformed.statusCode).toBe(400);
      const badQuery = await api.inject({
        method: 'GET',
        url: '/candidates?limit=0&stage=nowhere',
        headers: { authorization: recruiter },
      });
      expect(badQuery.statusCode).toBe(400);
      expect(
        badQuery
          .json<{ errors: { field: string }[] }>()
          .errors.map((e) => e.field)
          .sort(),
      ).toEqual(['limit', 'stage']);
    });
  });

  describe('who may', () => {
    it('answers 401 without a token or with a bad one', async () => {
      const none = await api.inject({
        method: 'POST',
        url: '/candidates',
        payload: newCandidate(),
      });
      expect(none.statusCode).toBe(401);
      const bad = await api.inject({
        method: 'GET',
        url: '/candidates',
        headers: { authorization: 'Bearer not.a.token' },
      });
      expect(bad.statusCode).toBe(401);
    });

    it('answers 403 to a role the endpoint does not allow, and lets an auditor read but not write', async () => {
      const interviewer = await api.bearer('interviewer', 'interviewer-1');
      const auditor = await api.bearer('auditor', 'auditor-1');
      const { id } = await register();
      expect(
        (await post('/candidates', newCandidate(), { authorization: interviewer })).statusCode,
      ).toBe(403);
      expect(
        (await post('/candidates', newCandidate(), { authorization: auditor })).statusCode,
      ).toBe(403);
      expect(
        (
          await post(
            `/candidates/${id}/rejection`,
            { category: 'other', reason: 'x' },
            { authorization: auditor },
          )
        ).statusCode,
      ).toBe(403);
      const read = await api.inject({
        method: 'GET',
        url: `/candidates/${id}/history`,
        headers: { authorization: auditor },
      });
      expect(read.statusCode).toBe(200);
      expect(
        (
          await api.inject({
            method: 'GET',
            url: `/candidates/${id}`,
            headers: { authorization: interviewer },
          })
        ).statusCode,
      ).toBe(403);
    });

    it('lets a candidate see and withdraw only their own candidacy, without internal notes', async () => {
      const { id } = await register();
      await post(`/candidates/${id}/screening`, {
        passed: true,
        notes: 'internal: salary expectations high',
      });
      const other = await register();
      const self = await api.bearer('candidate', 'person-1', id);

      const own = await api.inject({
        method: 'GET',
        url: `/candidates/${id}`,
        headers: { authorization: self },
      });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ screening: { passed: true } });
      expect(JSON.stringify(own.json())).not.toContain('salary expectations');

      expect(
        (
          await api.inject({
            method: 'GET',
            url: `/candidates/${other.id}`,
            headers: { authorization: self },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await post(`/candidates/${other.id}/withdrawal`, {}, { authorization: self })).statusCode,
      ).toBe(403);
      const withdrawn = await post(
        `/candidates/${id}/withdrawal`,
        { reason: 'relocating' },
        { authorization: self },
      );
      expect(withdrawn.statusCode).toBe(200);
      const history = await api.inject({
        method: 'GET',
        url: `/candidates/${id}/history`,
        headers: { authorization: recruiter },
      });
      expect(history.json<{ events: Json[] }>().events.at(-1)).toMatchObject({
        type: 'CandidateWithdrew',
        actor: { id: 'person-1', role: 'candidate' },
      });
    });
  });

  it("lists candidates by job and stage from the projection, including the caller's own writes", async () => {
    const jobId = `job-list-${Date.now()}`;
    const a = await register({ jobId });
    const b = await register({ jobId });
    await register({ jobId: `${jobId}-other` });
    await post(`/candidates/${b.id}/screening`, { passed: true });

    const list = async (query: string) =>
      (
        await api.inject({
          method: 'GET',
          url: `/candidates?${query}`,
          headers: { authorization: recruiter },
        })
      ).json<{
        total: number;
        items: { id: string; stage: string }[];
      }>();
    // The list waits for this service's own writes: no polling needed.
    expect((await list(`jobId=${jobId}`)).items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await list(`jobId=${jobId}&stage=screening`)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await list(`jobId=${jobId}&stage=applied`)).items.map((i) => i.id)).toEqual([a.id]);
    const page = await list(`jobId=${jobId}&limit=1&offset=1`);
    expect(page).toMatchObject({ total: 2, items: [{ id: b.id }] });
  });
});
