import { candidateStreamName, type Event } from '@hirestream/contracts';
import {
  DEVELOPMENT_API_KEY,
  SCREENING_WEBHOOK_PATH,
  startScreeningProvider,
  type OrderResponse,
  type ScreeningProviderServer,
} from '@hirestream/embedded-screening-provider';
import { eventually, freePort, useServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../src/background-check-gateway';
import { DISCLOSURE, providerCheckFacts } from './provider-check-facts';

// The order process and the provider end to end: consent given → the order
// placed with the embedded provider (over its HTTP API) and recorded → each
// item in progress, then its result, through signed webhooks → the check
// complete; consent withdrawn → the order cancelled with the provider; the
// provider away when consent is given → the order placed once it is back.

const env: Record<string, string> = {};
let provider: ScreeningProviderServer;
let servicePort: number;

beforeAll(async () => {
  servicePort = await freePort();
  provider = await startScreeningProvider({
    port: 0,
    webhookUrl: `http://127.0.0.1:${servicePort}${SCREENING_WEBHOOK_PATH}`,
    inProgressAfterMs: 200,
    resultAfterMs: 600,
    delivery: { initialBackoffMs: 100, maxBackoffMs: 1_000 },
  });
  env.SCREENING_PROVIDER_URL = provider.url;
});

const service = useServiceApp('background-checks', { consumers: true, env });

beforeAll(() => service.app.listen(servicePort, '127.0.0.1'));
afterAll(() => provider?.close());

const context = () => ({
  actor: { id: 'seed', role: 'system' as const },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

/** A candidacy in the background-check stage whose check waits for consent. */
async function checkAwaitingConsent(email: string) {
  const candidateId = randomUUID();
  const checkId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  const events: Event[] = [
    facts.registered({ email }),
    facts.moved('applied', 'background-check'),
    providerCheckFacts(candidateId, checkId).initiated(),
  ];
  await service.store.append(candidateStreamName(candidateId), events, undefined, context());
  return { candidateId, checkId };
}

const checks = (): BackgroundCheckGateway => service.app.get(BACKGROUND_CHECKS);

const typesOf = async (candidateId: string): Promise<string[]> =>
  (await service.store.readStream(candidateStreamName(candidateId))).events.map(
    (recorded) => recorded.event.type,
  );

const eventOf = async (candidateId: string, type: string) =>
  (await service.store.readStream(candidateStreamName(candidateId))).events.find(
    (recorded) => recorded.event.type === type,
  )?.event;

async function consent(candidateId: string, checkId: string): Promise<void> {
  await checks().handle(
    {
      type: 'GiveConsent',
      data: {
        candidateId,
        checkId,
        now: new Date().toISOString(),
        disclosureSha256: DISCLOSURE.sha256,
      },
    },
    context(),
  );
}

describe('the screening provider, end to end', () => {
  it('orders the provider items once consent is given and records their results as they arrive (clear path)', async () => {
    const { candidateId, checkId } = await checkAwaitingConsent('grace@example.org');
    expect(await typesOf(candidateId)).not.toContain('BackgroundCheckOrdered');

    await consent(candidateId, checkId);
    const ordered = await eventually('the order recorded', async () =>
      eventOf(candidateId, 'BackgroundCheckOrdered'),
    );
    expect(ordered.data).toMatchObject({
      provider: 'embedded',
      items: [
        { itemId: 'criminal-record', providerReference: expect.any(String) },
        { itemId: 'employment-1', providerReference: expect.any(String) },
      ],
    });
    const results = await eventually('both provider items resulted', async () => {
      const types = await typesOf(candidateId);
      return types.filter((type) => type === 'BackgroundCheckItemResulted').length === 2
        ? types
        : undefined;
    });
    expect(results.filter((type) => type === 'BackgroundCheckItemStarted')).toHaveLength(2);
    // The reference check is a recruiter's to record: the check completes with it.
    await checks().handle(
      {
        type: 'RecordReferenceCheck',
        data: {
          candidateId,
          checkId,
          itemId: 'reference-1',
          referenceName: 'Ada Lovelace',
          relationship: 'Former manager',
          answers: [{ question: 'Would you hire them again?', answer: 'Yes, gladly.' }],
          result: 'clear',
          recordedBy: 'recruiter-1',
        },
      },
      context(),
    );
    expect((await eventOf(candidateId, 'BackgroundCheckCompleted'))?.data).toMatchObject({
      outcome: 'clear',
    });
  });

  it('takes the result the candidate’s email marks: +consider@ makes the first item consider', async () => {
    const { candidateId, checkId } = await checkAwaitingConsent('alan+consider@example.org');
    await consent(candidateId, checkId);
    const considered = await eventually('the criminal record resulted', async () => {
      const events = (await service.store.readStream(candidateStreamName(candidateId))).events;
      return events.find(
        (recorded) =>
          recorded.event.type === 'BackgroundCheckItemResulted' &&
          (recorded.event.data as { itemId: string }).itemId === 'criminal-record',
      )?.event;
    });
    expect(considered.data).toMatchObject({
      result: 'consider',
      reportReference: expect.any(String),
    });
  });

  it('cancels the order with the provider when the candidate withdraws consent', async () => {
    const { candidateId, checkId } = await checkAwaitingConsent('joan@example.org');
    await consent(candidateId, checkId);
    const ordered = await eventually('the order recorded', async () =>
      eventOf(candidateId, 'BackgroundCheckOrdered'),
    );
    await checks().handle(
      {
        type: 'WithdrawConsent',
        data: { candidateId, checkId, now: new Date().toISOString(), reason: null },
      },
      context(),
    );
    const orderId = (ordered.data as { providerOrderId: string }).providerOrderId;
    const status = await eventually('the order cancelled with the provider', async () => {
      const response = await fetch(`${provider.url}/v1/orders/${orderId}`, {
        headers: { authorization: `Bearer ${DEVELOPMENT_API_KEY}` },
      });
      const order = (await response.json()) as OrderResponse;
      return order.status === 'cancelled' ? order.status : undefined;
    });
    expect(status).toBe('cancelled');
  });

  it('places the order once the provider is back, however long it was away', async () => {
    const { candidateId, checkId } = await checkAwaitingConsent('mary@example.org');
    const { port } = new URL(provider.url);
    await provider.close();
    try {
      await consent(candidateId, checkId);
      // The placement's timer fires at once and fails, then again after 1 s, 2 s…
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await typesOf(candidateId)).not.toContain('BackgroundCheckOrdered');
    } finally {
      provider = await startScreeningProvider({
        port: Number(port),
        webhookUrl: `http://127.0.0.1:${servicePort}${SCREENING_WEBHOOK_PATH}`,
        inProgressAfterMs: 200,
        resultAfterMs: 600,
        delivery: { initialBackoffMs: 100, maxBackoffMs: 1_000 },
      });
    }
    const ordered = await eventually('the order placed and recorded', async () =>
      eventOf(candidateId, 'BackgroundCheckOrdered'),
    );
    expect(ordered.data).toMatchObject({ provider: 'embedded' });
    expect(
      (await typesOf(candidateId)).filter((type) => type === 'BackgroundCheckOrdered'),
    ).toHaveLength(1);
  });
});
