import { candidateStreamName } from '@hirestream/contracts';
import {
  SCREENING_WEBHOOK_PATH,
  startScreeningProvider,
  type ScreeningProviderServer,
} from '@hirestream/embedded-screening-provider';
import {
  eventually,
  freePort,
  TestClock,
  useServiceApps,
  type ServiceApp,
} from '@hirestream/testing';

// A candidate's background check over the services' HTTP APIs, with the embedded
// screening provider reporting through signed webhooks and the candidates service
// reacting over Kafka. The check's clock is a test clock: the waiting period
// passes when the test moves it.

type Json = Record<string, unknown>;
type Item = { itemId: string; kind: string; status: string };

const env: Record<string, string> = {};
let provider: ScreeningProviderServer;
let servicePort: number;
const clock = new TestClock();

beforeAll(async () => {
  servicePort = await freePort();
  provider = await startScreeningProvider({
    port: 0,
    webhookUrl: `http://127.0.0.1:${servicePort}${SCREENING_WEBHOOK_PATH}`,
    inProgressAfterMs: 100,
    resultAfterMs: 300,
    delivery: { initialBackoffMs: 100, maxBackoffMs: 1_000 },
  });
  env.SCREENING_PROVIDER_URL = provider.url;
});

const { candidates, 'background-checks': checks } = useServiceApps({
  candidates: { consumers: true },
  'background-checks': { consumers: true, env, clock },
});

beforeAll(() => checks.app.listen(servicePort, '127.0.0.1'));
afterAll(() => provider?.close());

async function send(
  app: ServiceApp,
  url: string,
  payload: Json,
  as: Parameters<ServiceApp['inject']>[0]['as'] = 'recruiter',
): Promise<Json> {
  const response = await app.inject({ method: 'POST', url, payload, as });
  if (response.statusCode >= 300)
    throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return response.json<Json>();
}

/** A candidate moved to the background-check stage; the check service starts the check itself. */
async function candidateInBackgroundCheck(email: string): Promise<string> {
  const { id } = await send(candidates, '/candidates', {
    fullName: 'Grace Hopper',
    email,
    jobId: 'job-1',
    source: 'referral',
  });
  const candidateId = String(id);
  await send(candidates, `/candidates/${candidateId}/screening`, { passed: true });
  await send(candidates, `/candidates/${candidateId}/stage`, { to: 'interviewing' });
  await send(candidates, `/candidates/${candidateId}/stage`, { to: 'background-check' });
  return candidateId;
}

const asCandidate = async (candidateId: string) => ({
  bearer: await checks.bearer('candidate', `person-${candidateId}`, candidateId),
});

async function staffView(candidateId: string): Promise<Json & { items: Item[] }> {
  const response = await checks.inject({
    method: 'GET',
    url: `/candidates/${candidateId}/background-check`,
    as: 'recruiter',
  });
  return response.statusCode === 200 ? response.json() : ({ items: [] } as never);
}

/** The check as the candidate sees it, once the reaction has started it; then their consent. */
async function consentAsCandidate(candidateId: string): Promise<string> {
  const as = await asCandidate(candidateId);
  const view = await eventually('the check to start on the stage change', async () => {
    const response = await checks.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/background-check/for-candidate`,
      as,
    });
    return response.statusCode === 200 ? response.json<Json>() : undefined;
  });
  const disclosure = view.disclosure as Json;
  expect(disclosure.text).toEqual(expect.any(String));
  const checkId = String(view.checkId);
  await send(
    checks,
    `/candidates/${candidateId}/background-checks/${checkId}/consent`,
    { disclosureSha256: disclosure.sha256 },
    as,
  );
  return checkId;
}

/** Waits for the provider's results, then records both references as a recruiter would. */
async function completeItems(candidateId: string, checkId: string): Promise<Item[]> {
  const items = await eventually('the provider’s results', async () => {
    const view = await staffView(candidateId);
    const fromProvider = view.items.filter((item) => item.kind !== 'reference-check');
    return fromProvider.length > 0 &&
      fromProvider.every((item) => ['clear', 'consider', 'suspended'].includes(item.status))
      ? view.items
      : undefined;
  });
  for (const item of items.filter(({ kind }) => kind === 'reference-check')) {
    await send(
      checks,
      `/candidates/${candidateId}/background-checks/${checkId}/items/${item.itemId}/reference`,
      {
        referenceName: 'Ada Lovelace',
        relationship: 'Former manager',
        answers: [{ question: 'Would you hire them again?', answer: 'Yes, gladly.' }],
        result: 'clear',
      },
    );
  }
  return items;
}

const typesOf = async (candidateId: string): Promise<string[]> =>
  (await checks.store.readStream(candidateStreamName(candidateId))).events.map(
    ({ event }) => event.type,
  );

describe('a background check, end to end', () => {
  it('clears a candidate whose every item comes back clear, and the candidate moves on to the offer stage', async () => {
    const candidateId = await candidateInBackgroundCheck('grace@example.org');
    const checkId = await consentAsCandidate(candidateId);
    await completeItems(candidateId, checkId);

    const view = await staffView(candidateId);
    expect(view).toMatchObject({ phase: 'completed', outcome: 'clear', standing: 'clear' });
    expect(view.items.every((item) => item.status === 'clear')).toBe(true);
    const moved = await eventually(
      'the candidates service to move on to the offer stage',
      async () => {
        const response = await candidates.inject({
          method: 'GET',
          url: `/candidates/${candidateId}`,
          as: 'recruiter',
        });
        const candidate = response.json<Json>();
        return candidate.stage === 'offer' ? candidate : undefined;
      },
      // The run's first reaction between the services: on a loaded machine the candidates
      // consumer group may still be forming when the check completes.
      30_000,
    );
    expect(moved).toMatchObject({ stage: 'offer' });
  });

  it('consider → notice → dispute → upheld → the window ends → final action → rejected', async () => {
    const candidateId = await candidateInBackgroundCheck('alan+consider@example.org');
    const checkId = await consentAsCandidate(candidateId);
    const items = await completeItems(candidateId, checkId);
    const considered = items.find((item) => item.status === 'consider');
    expect(considered).toBeDefined();
    const check = `/candidates/${candidateId}/background-checks/${checkId}`;
    expect(await staffView(candidateId)).toMatchObject({ phase: 'completed', outcome: 'consider' });

    await send(checks, `${check}/items/${considered?.itemId}/adjudication`, {
      decision: 'adverse-action',
      reason: 'A conviction relevant to the role',
    });
    await send(checks, `${check}/pre-adverse-action-notice`, {
      reportCopyReference: 'https://reports.example.org/copies/1',
    });
    const noticed = (await staffView(candidateId)).adverseAction as Json;
    expect(noticed).toMatchObject({ phase: 'waiting', waitingBusinessDays: 5 });
    const windowEndsAt = String(noticed.windowEndsAt);

    // Too soon: the refusal names the earliest moment.
    const early = await checks.inject({
      method: 'POST',
      url: `${check}/final-adverse-action`,
      payload: { reason: 'No dispute came' },
      as: 'recruiter',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ rule: 'adverse-action-window-open' });
    expect(early.json<Json>().detail).toContain(windowEndsAt);

    // Two days in, the candidate disputes; a day later the finding is upheld.
    clock.advance(2 * 86_400_000);
    await send(
      checks,
      `${check}/dispute`,
      { text: 'That record is not mine.' },
      await asCandidate(candidateId),
    );
    expect((await staffView(candidateId)).adverseAction).toMatchObject({ phase: 'disputed' });
    clock.advance(86_400_000);
    await send(checks, `${check}/dispute-resolution`, {
      resolution: 'upheld',
      reason: 'The court record matches the candidate',
    });
    const resumed = (await staffView(candidateId)).adverseAction as Json;
    // The window resumed with the time it had left: a day later than it would have ended.
    expect(Date.parse(String(resumed.windowEndsAt)) - Date.parse(windowEndsAt)).toBe(86_400_000);

    clock.advanceTo(String(resumed.windowEndsAt));
    clock.advance(1_000);
    await eventually('the timer to end the window', async () =>
      (await typesOf(candidateId)).includes('AdverseActionWindowElapsed') ? true : undefined,
    );
    await send(checks, `${check}/final-adverse-action`, {
      reason: 'The conviction is relevant to the role',
    });

    const rejected = await eventually('the candidates service to reject', async () => {
      const response = await candidates.inject({
        method: 'GET',
        url: `/candidates/${candidateId}`,
        as: 'recruiter',
      });
      const candidate = response.json<Json>();
      return candidate.stage === 'rejected' ? candidate : undefined;
    });
    expect(rejected).toMatchObject({
      stage: 'rejected',
      rejection: { category: 'adverse-action' },
    });
    const types = await typesOf(candidateId);
    expect(types.filter((type) => type === 'AdverseActionWindowElapsed')).toHaveLength(1);
    expect(types.filter((type) => type === 'CandidateRejected')).toHaveLength(1);
  });
});
