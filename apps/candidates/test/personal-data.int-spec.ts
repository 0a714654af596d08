import { candidateStreamName } from '@hirestream/contracts';
import { ReadModelDatabase } from '@hirestream/read-models';
import {
  eventually,
  makeTempDir,
  removeTempDir,
  TestClock,
  useServiceApp,
} from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Erasure and retention through the candidates service's HTTP API, on the
// embedded servers: a person's every candidacy erased on an approved request
// (their data keys deleted, PersonalDataErased in each stream, the history
// replaying with "[erased]" values, the report), the four-eyes rule, and the
// retention policies carried out by the durable timers as the test clock moves.

type Json = Record<string, unknown>;

const DAY_MS = 86_400_000;
const clock = new TestClock();
const env: Record<string, string> = {};
let policiesDir: string;

beforeAll(async () => {
  policiesDir = await makeTempDir('retention-policies');
  await writeFile(
    join(policiesDir, 'retention-policies.json'),
    JSON.stringify([
      {
        id: 'test-one-month',
        version: 1,
        jurisdiction: 'test-land',
        name: 'Kept one month',
        jobIds: null,
        keepMonths: 1,
      },
      {
        id: 'test-six-months',
        version: 1,
        jurisdiction: 'test-shire',
        name: 'Kept six months',
        jobIds: ['job-six-months'],
        keepMonths: 6,
      },
    ]),
  );
  env.CANDIDATES_POLICIES_DIR = policiesDir;
});

const api = useServiceApp('candidates', { env, clock });

afterAll(() => removeTempDir(policiesDir));

type Caller = Readonly<{ role: 'recruiter' | 'admin' | 'auditor'; subject: string }>;
const recruiter: Caller = { role: 'recruiter', subject: 'recruiter-1' };
const admin: Caller = { role: 'admin', subject: 'admin-1' };
const otherAdmin: Caller = { role: 'admin', subject: 'admin-2' };
const auditor: Caller = { role: 'auditor', subject: 'auditor-1' };

async function send(method: 'GET' | 'POST', url: string, caller: Caller, payload?: Json) {
  return api.inject({
    method,
    url,
    payload,
    as: { bearer: await api.bearer(caller.role, caller.subject) },
  });
}

async function register(overrides: Json = {}): Promise<string> {
  const response = await send('POST', '/candidates', recruiter, {
    fullName: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: '+44 20 7946 0958',
    jobId: 'job-7',
    source: 'referral',
    ...overrides,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function history(id: string): Promise<{ type: string; data: Json }[]> {
  const response = await send('GET', `/candidates/${id}/history`, auditor);
  expect(response.statusCode).toBe(200);
  return response.json<{ events: { type: string; data: Json }[] }>().events;
}

const typesOf = (events: readonly { type: string }[]) => events.map(({ type }) => type);

async function personalData(id: string): Promise<Json> {
  const response = await send('GET', `/candidates/${id}/personal-data`, auditor);
  expect(response.statusCode).toBe(200);
  return response.json<Json>();
}

/** The rows of the platform's key table for these candidacies: which keys are erased. */
async function keysOf(...candidateIds: string[]): Promise<Record<string, boolean>> {
  const { rows } = await api.app.get(ReadModelDatabase).query<{ key_id: string; erased: boolean }>(
    `select key_id, wrapped_key is null and erased_at is not null as erased
       from personal_data.data_keys where key_id = any($1::text[])`,
    [candidateIds.map((id) => `candidate:${id}`)],
  );
  return Object.fromEntries(rows.map((row) => [row.key_id.slice('candidate:'.length), row.erased]));
}

describe('erasure on request', () => {
  it("erases every candidacy of the person on an admin's approval, once, and the history still replays", async () => {
    const personId = randomUUID();
    const first = await register({ personId });
    const second = await register({ personId, jobId: 'job-9' });
    const someoneElse = await register({ fullName: 'Grace Hopper', email: 'grace@example.org' });
    const screened = await send('POST', `/candidates/${first}/screening`, recruiter, {
      passed: true,
      notes: 'Talked about the Analytical Engine',
    });
    expect(screened.statusCode).toBe(200);

    // A recruiter asks; only an admin erases or approves.
    const direct = await send('POST', `/candidates/${first}/personal-data-erasure`, recruiter, {
      reason: 'person-asked',
    });
    expect(direct.statusCode).toBe(403);
    const asked = await send('POST', `/candidates/${first}/erasure-requests`, recruiter, {
      reason: 'person-asked',
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.headers.location).toBe(`/candidates/${first}/personal-data`);
    const [request] = asked.json<{ requests: Json[] }>().requests;
    expect(request).toEqual({
      requestId: expect.any(String),
      reason: 'person-asked',
      requestedBy: 'recruiter-1',
      status: 'pending',
      decidedBy: null,
      refusalGround: null,
    });
    const approval = `/candidates/${first}/erasure-requests/${String(request.requestId)}/approval`;
    expect((await send('POST', approval, recruiter)).statusCode).toBe(403);

    const approved = await send('POST', approval, admin);
    expect(approved.statusCode).toBe(200);
    const erasure = approved.json<Json>();
    expect(erasure).toMatchObject({
      candidateId: first,
      personId,
      basis: 'request',
      requestId: request.requestId,
      reason: 'person-asked',
      requestedBy: 'recruiter-1',
      policy: null,
      erasedAt: expect.any(String),
    });
    expect(new Set(erasure.candidateIds as string[])).toEqual(new Set([first, second]));
    expect(await keysOf(first, second, someoneElse)).toEqual({
      [first]: true,
      [second]: true,
      [someoneElse]: false,
    });

    // Each stream says so; the history replays, its personal values erased.
    const firstHistory = await history(first);
    expect(typesOf(firstHistory)).toEqual([
      'CandidateRegistered',
      'CandidateStageChanged',
      'ScreeningRecorded',
      'PersonalDataErasureRequested',
      'PersonalDataErasureApproved',
      'PersonalDataErased',
    ]);
    expect(firstHistory[0].data).toMatchObject({
      personId,
      fullName: '[erased]',
      email: '[erased]',
      phone: '[erased]',
    });
    expect(firstHistory[2].data).toMatchObject({ notes: '[erased]', screenedBy: 'recruiter-1' });
    expect(typesOf(await history(second))).toEqual(['CandidateRegistered', 'PersonalDataErased']);
    const shown = await send('GET', `/candidates/${first}`, recruiter);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      fullName: '[erased]',
      email: '[erased]',
      phone: '[erased]',
      stage: 'screening',
      screening: { passed: true, notes: '[erased]' },
      personalDataErasedAt: erasure.erasedAt,
    });
    expect((await send('GET', `/candidates/${someoneElse}`, recruiter)).json()).toMatchObject({
      fullName: 'Grace Hopper',
      personalDataErasedAt: null,
    });

    // Again, by approval or directly, from either candidacy: the same answer, nothing more.
    expect((await send('POST', approval, admin)).json()).toEqual(erasure);
    expect(
      (
        await send('POST', `/candidates/${first}/personal-data-erasure`, otherAdmin, {
          reason: 'legal-obligation',
        })
      ).json(),
    ).toEqual(erasure);
    expect(
      (
        await send('POST', `/candidates/${second}/personal-data-erasure`, admin, {
          reason: 'person-asked',
        })
      ).json(),
    ).toEqual({ ...erasure, candidateId: second });
    expect(typesOf(await history(first)).filter((type) => type === 'PersonalDataErased')).toEqual([
      'PersonalDataErased',
    ]);
    expect(typesOf(await history(second))).toEqual(['CandidateRegistered', 'PersonalDataErased']);

    // The candidacy takes no more commands, and no new request.
    const rejected = await send('POST', `/candidates/${first}/rejection`, recruiter, {
      category: 'other',
      reason: 'erased',
    });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json()).toMatchObject({ rule: 'personal-data-erased' });
    const again = await send('POST', `/candidates/${second}/erasure-requests`, recruiter, {
      reason: 'person-asked',
    });
    expect(again.json()).toMatchObject({ rule: 'personal-data-erased' });

    // The report: what, when, on what basis, by whom; no personal value.
    expect((await send('GET', '/personal-data/erasures', recruiter)).statusCode).toBe(403);
    const report = await send(
      'GET',
      `/personal-data/erasures?from=${encodeURIComponent(String(erasure.erasedAt))}`,
      auditor,
    );
    expect(report.statusCode).toBe(200);
    const items = report
      .json<{ items: Json[] }>()
      .items.filter((item) => item.personId === personId);
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({
        basis: 'request',
        requestId: request.requestId,
        reason: 'person-asked',
        requestedBy: 'recruiter-1',
        policy: null,
        erasedAt: erasure.erasedAt,
        erasedBy: { id: 'admin-1', role: 'admin' },
      });
    }
    expect(report.body).not.toMatch(/Ada|Lovelace|ada@example|7946/);
  });

  it('answers a repeat of an erasure sent with an Idempotency-Key as the first time, and keeps nothing of the person', async () => {
    const id = await register({ fullName: 'Idempotent Erasure' });
    const erase = async () =>
      api.inject({
        method: 'POST',
        url: `/candidates/${id}/personal-data-erasure`,
        payload: { reason: 'person-asked' },
        headers: { 'idempotency-key': `erase-${id}` },
        as: { bearer: await api.bearer('admin', admin.subject) },
      });
    const first = await erase();
    expect(first.statusCode).toBe(200);
    const repeat = await erase();
    expect(repeat.statusCode).toBe(200);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json()).toEqual(first.json());
    expect(JSON.stringify(first.json())).not.toContain('Idempotent Erasure');
  });

  it('refuses a request approved by its own requester; another admin may refuse it', async () => {
    const id = await register({ fullName: 'Mary Somerville', email: 'mary@example.org' });
    const asked = await send('POST', `/candidates/${id}/erasure-requests`, admin, {
      reason: 'consent-withdrawn',
    });
    expect(asked.statusCode).toBe(201);
    const [{ requestId }] = asked.json<{ requests: { requestId: string }[] }>().requests;
    const ownApproval = await send(
      'POST',
      `/candidates/${id}/erasure-requests/${requestId}/approval`,
      admin,
    );
    expect(ownApproval.statusCode).toBe(409);
    expect(ownApproval.json()).toMatchObject({ rule: 'own-erasure-request' });

    const refused = await send(
      'POST',
      `/candidates/${id}/erasure-requests/${requestId}/refusal`,
      otherAdmin,
      { ground: 'legal-claims' },
    );
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      requests: [
        { requestId, status: 'refused', decidedBy: 'admin-2', refusalGround: 'legal-claims' },
      ],
      erasure: null,
    });
    const late = await send(
      'POST',
      `/candidates/${id}/erasure-requests/${requestId}/approval`,
      otherAdmin,
    );
    expect(late.json()).toMatchObject({ rule: 'erasure-request-refused' });
    const unknown = await send(
      'POST',
      `/candidates/${id}/erasure-requests/${randomUUID()}/approval`,
      otherAdmin,
    );
    expect(unknown.statusCode).toBe(404);
    expect(await keysOf(id)).toEqual({ [id]: false });
    expect((await send('GET', `/candidates/${id}`, recruiter)).json()).toMatchObject({
      fullName: 'Mary Somerville',
    });
  });
});

describe('retention', () => {
  it("erases a closed candidacy at its policy's time, not one whose candidate consented to be kept", async () => {
    const lapsed = await register({ fullName: 'Lapsed Candidate', email: 'lapsed@example.org' });
    const kept = await register({ fullName: 'Kept Candidate', email: 'kept@example.org' });
    const longer = await register({
      fullName: 'Longer Candidate',
      email: 'longer@example.org',
      jobId: 'job-six-months',
    });
    const keepUntil = new Date(clock.now() + 365 * DAY_MS).toISOString();
    const consented = await send('POST', `/candidates/${kept}/retention-consent`, recruiter, {
      keepUntil,
    });
    expect(consented.statusCode).toBe(200);
    expect(consented.json()).toMatchObject({ consent: { keepUntil, recordedBy: 'recruiter-1' } });
    const past = await send('POST', `/candidates/${kept}/retention-consent`, recruiter, {
      keepUntil: new Date(clock.now() - DAY_MS).toISOString(),
    });
    expect(past.json()).toMatchObject({ rule: 'in-the-past' });
    for (const id of [lapsed, kept]) {
      const rejected = await send('POST', `/candidates/${id}/rejection`, recruiter, {
        category: 'rejected-by-us',
        reason: 'another candidate was a closer fit',
      });
      expect(rejected.statusCode).toBe(200);
    }
    expect((await send('POST', `/candidates/${longer}/withdrawal`, recruiter, {})).statusCode).toBe(
      200,
    );

    // Each closed candidacy is first looked at a month after its decision.
    const due = async () => {
      const response = await send('GET', '/personal-data/retention/due?limit=500', admin);
      expect(response.statusCode).toBe(200);
      const { items } = response.json<{ items: (Json & { candidateId: string })[] }>();
      return new Map(items.map((item) => [item.candidateId, item]));
    };
    const firstLooks = await eventually('the first looks', async () => {
      const scheduled = await due();
      return [lapsed, kept, longer].every((id) => scheduled.has(id)) ? scheduled : undefined;
    });
    expect(firstLooks.get(kept)).toMatchObject({ look: 'first-look', policy: null });
    const closedAt = Date.parse(String(firstLooks.get(longer)?.closedAt));

    clock.advance(32 * DAY_MS);
    const lapsedErasure = await eventually('the lapsed candidacy erased', async () => {
      const { erasure } = await personalData(lapsed);
      return erasure === null ? undefined : (erasure as Json);
    });
    expect(lapsedErasure).toMatchObject({
      basis: 'retention',
      policy: { id: 'test-one-month', version: 1, jurisdiction: 'test-land' },
      requestId: null,
      candidateIds: [lapsed],
    });
    expect((await send('GET', `/candidates/${lapsed}`, recruiter)).json()).toMatchObject({
      fullName: '[erased]',
      email: '[erased]',
      stage: 'rejected',
    });
    await eventually('the others scheduled', async () => {
      const [keptFacts, longerFacts] = await Promise.all([
        personalData(kept),
        personalData(longer),
      ]);
      return keptFacts.retention !== null && longerFacts.retention !== null ? true : undefined;
    });
    expect(await personalData(kept)).toMatchObject({
      erasure: null,
      retention: { cause: 'consent', eraseAt: keepUntil, policy: { id: 'test-one-month' } },
    });
    const longerFacts = await personalData(longer);
    expect(longerFacts).toMatchObject({
      erasure: null,
      retention: { cause: 'policy', policy: { id: 'test-six-months', jurisdiction: 'test-shire' } },
    });
    const sixMonthsOn = new Date(closedAt);
    sixMonthsOn.setUTCMonth(sixMonthsOn.getUTCMonth() + 6);
    expect((longerFacts.retention as Json).eraseAt).toBe(sixMonthsOn.toISOString());
    expect((await send('GET', `/candidates/${kept}`, recruiter)).json()).toMatchObject({
      fullName: 'Kept Candidate',
    });
    expect(await keysOf(lapsed, kept, longer)).toEqual({
      [lapsed]: true,
      [kept]: false,
      [longer]: false,
    });

    // What is due next, with the policy that scheduled it; the report of what was erased.
    const next = await eventually('the due list moved on', async () => {
      const scheduled = await due();
      return scheduled.has(lapsed) ? undefined : scheduled;
    });
    expect(next.get(kept)).toMatchObject({
      dueAt: keepUntil,
      look: 'consent',
      policy: { id: 'test-one-month', version: 1, jurisdiction: 'test-land' },
    });
    expect(next.get(longer)).toMatchObject({ look: 'policy', dueAt: sixMonthsOn.toISOString() });
    const report = await send('GET', '/personal-data/erasures', auditor);
    expect(
      report.json<{ items: Json[] }>().items.filter((item) => item.candidateId === lapsed),
    ).toEqual([
      expect.objectContaining({
        basis: 'retention',
        policy: { id: 'test-one-month', version: 1, jurisdiction: 'test-land' },
        requestedBy: null,
        erasedBy: { id: 'candidates', role: 'system' },
      }),
    ]);

    // Six months on, the longer policy erases too; the consent still keeps the other.
    clock.advanceTo(sixMonthsOn.toISOString());
    await eventually('the six-month candidacy erased', async () =>
      (await personalData(longer)).erasure === null ? undefined : true,
    );
    expect(await keysOf(kept, longer)).toEqual({ [kept]: false, [longer]: true });
    expect(typesOf(await history(longer)).slice(-3)).toEqual([
      'CandidateWithdrew',
      'PersonalDataRetentionScheduled',
      'PersonalDataErased',
    ]);
    expect(await api.store.readStream(candidateStreamName(kept))).toMatchObject({
      events: expect.not.arrayContaining([
        expect.objectContaining({ event: expect.objectContaining({ type: 'PersonalDataErased' }) }),
      ]),
    });
  });
});
