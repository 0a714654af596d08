import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { ResultDelivery } from '@hirestream/embedded-screening-provider';
import { AppendedEvents, signedWebhook, useServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { providerCheckFacts } from './provider-check-facts';

// The screening provider's webhook: signed deliveries are taken once each;
// a wrong signature or a stale timestamp is a 401 and a replay or a check
// not under way a 409, and none of them changes anything.

const service = useServiceApp('background-checks');

type Check = Readonly<{ candidateId: string; checkId: string; orderId: string }>;

/** A candidacy whose check was consented to and, unless `ordered` is false, ordered. */
async function checkUnderWay(ordered = true): Promise<Check> {
  const candidateId = randomUUID();
  const checkId = randomUUID();
  const orderId = `ord_${checkId}`;
  const facts = candidateStreamFacts(candidateId);
  const check = providerCheckFacts(candidateId, checkId);
  const events: Event[] = [
    facts.registered(),
    facts.moved('applied', 'background-check'),
    check.initiated(),
    check.consented(),
    ...(ordered ? [check.ordered(orderId)] : []),
  ];
  await service.store.append(candidateStreamName(candidateId), events, undefined, {
    actor: { id: 'seed', role: 'system' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  return { candidateId, checkId, orderId };
}

function delivery(
  check: Check,
  itemId: string,
  status: ResultDelivery['status'],
  deliveryId = randomUUID(),
): ResultDelivery {
  const final = status !== 'in-progress';
  return {
    deliveryId,
    orderId: check.orderId,
    metadata: { candidateId: check.candidateId, checkId: check.checkId },
    itemId,
    itemReference: `${check.orderId}-${itemId}`,
    status,
    summary: final ? `${itemId}: nothing found that needs review.` : null,
    reportReference: final ? `embedded-report:${itemId}` : null,
    occurredAt: new Date().toISOString(),
  };
}

/** Sends the request and says what it appended anywhere. */
async function sent(request: Parameters<typeof service.inject>[0]) {
  const watch = new AppendedEvents(service.store.client);
  const mark = await watch.mark();
  const response = await service.inject(request);
  const appended = (await watch.since(mark)).map((event) => event.type);
  return { status: response.statusCode, body: response.json<Record<string, unknown>>(), appended };
}

describe('the screening provider webhook', () => {
  it('takes signed news of each item, and needs no bearer token', async () => {
    const check = await checkUnderWay();
    expect(await sent(signedWebhook(delivery(check, 'criminal-record', 'in-progress')))).toEqual({
      status: 200,
      body: expect.objectContaining({ recorded: ['BackgroundCheckItemStarted'] }),
      appended: ['BackgroundCheckItemStarted'],
    });
    expect(await sent(signedWebhook(delivery(check, 'criminal-record', 'clear')))).toMatchObject({
      status: 200,
      appended: ['BackgroundCheckItemResulted'],
    });
    expect(await sent(signedWebhook(delivery(check, 'employment-1', 'clear')))).toMatchObject({
      status: 200,
      appended: ['BackgroundCheckItemResulted'],
    });
    const stream = await service.store.readStream(candidateStreamName(check.candidateId));
    const resulted = stream.events.find((e) => e.event.type === 'BackgroundCheckItemResulted');
    expect(resulted?.metadata.actor).toEqual({ id: 'screening-provider', role: 'system' });
  });

  it('refuses a wrong signature or a body changed after signing with 401, and changes nothing', async () => {
    const check = await checkUnderWay();
    const news = delivery(check, 'criminal-record', 'clear');
    const forged = await sent(
      signedWebhook(news, { secret: 'not-the-secret-the-provider-and-we-share' }),
    );
    expect(forged).toEqual({
      status: 401,
      body: expect.objectContaining({ detail: 'The signature does not match the body' }),
      appended: [],
    });
    const genuine = signedWebhook(news);
    const tampered = await sent({
      ...genuine,
      payload: genuine.payload.replace('"clear"', '"consider"'),
    });
    expect(tampered).toMatchObject({ status: 401, appended: [] });
    const unsigned = await sent({ ...genuine, headers: { 'content-type': 'application/json' } });
    expect(unsigned).toMatchObject({ status: 401, appended: [] });
  });

  it('refuses a stale timestamp with 401 however well signed, and changes nothing', async () => {
    const check = await checkUnderWay();
    const stale = await sent(
      signedWebhook(delivery(check, 'criminal-record', 'clear'), {
        atMs: Date.now() - 301_000,
      }),
    );
    expect(stale).toEqual({
      status: 401,
      body: expect.objectContaining({
        detail: 'The signature timestamp is more than 300 s from now',
      }),
      appended: [],
    });
  });

  it('checks the signature before the body: an unsigned invalid body is 401, a signed one 400', async () => {
    const invalid = { deliveryId: 'x', status: 'bored' };
    const signed = signedWebhook(invalid);
    expect(
      await sent({ ...signed, headers: { 'content-type': 'application/json' } }),
    ).toMatchObject({ status: 401, appended: [] });
    expect(await sent(signed)).toMatchObject({ status: 400, appended: [] });
  });

  it('answers a replayed delivery 409 delivery-already-processed and records it once', async () => {
    const check = await checkUnderWay();
    const news = delivery(check, 'criminal-record', 'consider');
    expect(await sent(signedWebhook(news))).toMatchObject({ status: 200 });
    expect(await sent(signedWebhook(news))).toEqual({
      status: 409,
      body: expect.objectContaining({ rule: 'delivery-already-processed' }),
      appended: [],
    });
  });

  it('answers news of a check not under way 409 unknown-check, and changes nothing', async () => {
    const check = await checkUnderWay();
    const elsewhere = { ...check, checkId: randomUUID() };
    expect(await sent(signedWebhook(delivery(elsewhere, 'criminal-record', 'clear')))).toEqual({
      status: 409,
      body: expect.objectContaining({ rule: 'unknown-check' }),
      appended: [],
    });
    const nobody = { ...check, candidateId: randomUUID() };
    expect(await sent(signedWebhook(delivery(nobody, 'criminal-record', 'clear')))).toMatchObject({
      status: 409,
      body: expect.objectContaining({ rule: 'unknown-check' }),
      appended: [],
    });
  });

  it('asks the provider to send again (503) news that outran the recording of its order', async () => {
    const check = await checkUnderWay(false);
    expect(
      await sent(signedWebhook(delivery(check, 'criminal-record', 'in-progress'))),
    ).toMatchObject({ status: 503, appended: [] });
  });
});
