import { webhookSignatureProblem } from '@hirestream/platform';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  cancelOrderPath,
  DEVELOPMENT_API_KEY,
  DEVELOPMENT_WEBHOOK_SECRET,
  ORDERS_PATH,
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  startScreeningProvider,
  type DeliveryReport,
  type OrderRequest,
  type OrderResponse,
  type ResultDelivery,
  type ScreeningProviderOptions,
  type ScreeningProviderServer,
} from '../src';

/** A webhook receiver: records what it was sent, answers as `answer` says for each delivery. */
class Receiver {
  readonly received: Array<{ delivery: ResultDelivery; signatureProblem: string | undefined }> = [];
  answer: (delivery: ResultDelivery, attempt: number) => number = () => 200;
  private readonly attempts = new Map<string, number>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void this.body(request).then((rawBody) => {
        const delivery = JSON.parse(rawBody) as ResultDelivery;
        const header = (name: string) => request.headers[name] as string | undefined;
        this.received.push({
          delivery,
          signatureProblem: webhookSignatureProblem(
            {
              timestamp: header(SIGNATURE_TIMESTAMP_HEADER),
              signature: header(SIGNATURE_HEADER),
              rawBody,
            },
            { secret: DEVELOPMENT_WEBHOOK_SECRET, toleranceSeconds: 300, nowMs: Date.now() },
          ),
        });
        const attempt = (this.attempts.get(delivery.deliveryId) ?? 0) + 1;
        this.attempts.set(delivery.deliveryId, attempt);
        response.writeHead(this.answer(delivery, attempt)).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/webhook`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private body(request: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  }
}

const ORDER: OrderRequest = {
  candidate: { fullName: 'Ada Lovelace', email: 'ada+consider@example.org' },
  items: [
    { itemId: 'criminal-record', kind: 'criminal-record', subject: null },
    { itemId: 'employment-verification-1', kind: 'employment-verification', subject: 'Acme' },
  ],
  metadata: { candidateId: 'c-1', checkId: 'k-1' },
};

let receiver: Receiver;
let provider: ScreeningProviderServer | undefined;
let reports: DeliveryReport[];

async function started(options: Partial<ScreeningProviderOptions> = {}): Promise<string> {
  const webhookUrl = await receiver.start();
  provider = await startScreeningProvider({
    port: 0,
    webhookUrl,
    inProgressAfterMs: 0,
    resultAfterMs: 20,
    delivery: { initialBackoffMs: 10, maxBackoffMs: 40, maxAttempts: 4, timeoutMs: 2_000 },
    onDelivery: (report) => reports.push(report),
    ...options,
  });
  return provider.url;
}

function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {
    authorization: `Bearer ${DEVELOPMENT_API_KEY}`,
    'idempotency-key': 'k-1',
  },
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

beforeEach(() => {
  receiver = new Receiver();
  reports = [];
});

afterEach(async () => {
  await provider?.close();
  provider = undefined;
  await receiver.stop();
});

describe('the embedded screening provider', () => {
  it('takes an order and reports each item in progress, then its result, in signed webhooks', async () => {
    const url = await started();
    const placed = await post(`${url}${ORDERS_PATH}`, ORDER);
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as OrderResponse;
    expect(order.items.map((item) => item.itemId)).toEqual([
      'criminal-record',
      'employment-verification-1',
    ]);
    await provider!.settled();

    expect(receiver.received.every((r) => r.signatureProblem === undefined)).toBe(true);
    const news = (itemId: string) =>
      receiver.received
        .map((r) => r.delivery)
        .filter((d) => d.itemId === itemId)
        .map(({ status, summary, reportReference, metadata, orderId }) => ({
          status,
          summarized: summary !== null,
          referenced: reportReference !== null,
          metadata,
          orderId,
        }));
    const expected = (final: string) => [
      { status: 'in-progress', summarized: false, referenced: false },
      { status: final, summarized: true, referenced: true },
    ];
    expect(news('criminal-record')).toEqual(
      expected('consider').map((n) => ({ ...n, metadata: ORDER.metadata, orderId: order.orderId })),
    );
    expect(news('employment-verification-1')).toEqual(
      expected('clear').map((n) => ({ ...n, metadata: ORDER.metadata, orderId: order.orderId })),
    );
  });

  it('answers an order placed again under the same key with the same order, and starts nothing new', async () => {
    const url = await started({ inProgressAfterMs: 60_000, resultAfterMs: 60_000 });
    const first = (await (await post(`${url}${ORDERS_PATH}`, ORDER)).json()) as OrderResponse;
    const again = await post(`${url}${ORDERS_PATH}`, ORDER);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
  });

  it('refuses an order without the API key, without an Idempotency-Key, or malformed', async () => {
    const url = await started();
    expect((await post(`${url}${ORDERS_PATH}`, ORDER, { 'idempotency-key': 'k-1' })).status).toBe(
      401,
    );
    expect(
      (
        await post(`${url}${ORDERS_PATH}`, ORDER, {
          authorization: `Bearer ${DEVELOPMENT_API_KEY}`,
        })
      ).status,
    ).toBe(400);
    const malformed = await post(`${url}${ORDERS_PATH}`, { ...ORDER, items: [] });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: expect.stringContaining('/items') });
    await provider!.settled();
    expect(receiver.received).toEqual([]);
  });

  it('retries a delivery answered 5xx with the same delivery id, signed afresh, until taken', async () => {
    const url = await started();
    receiver.answer = (_delivery, attempt) => (attempt < 3 ? 503 : 200);
    await post(`${url}${ORDERS_PATH}`, { ...ORDER, items: [ORDER.items[1]] });
    await provider!.settled();
    const ids = receiver.received.map((r) => r.delivery.deliveryId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(2);
    expect(receiver.received.every((r) => r.signatureProblem === undefined)).toBe(true);
    expect(reports.map(({ outcome, attempts }) => ({ outcome, attempts }))).toEqual([
      { outcome: 'taken', attempts: 3 },
      { outcome: 'taken', attempts: 3 },
    ]);
  });

  it('stops retrying at a 409 (taken already) and at other 4xx; gives up after the last attempt', async () => {
    const url = await started();
    receiver.answer = (delivery) =>
      delivery.status === 'in-progress' ? 409 : delivery.itemId === 'criminal-record' ? 401 : 500;
    await post(`${url}${ORDERS_PATH}`, ORDER);
    await provider!.settled();
    const outcomes = reports.map(({ delivery, outcome, attempts }) => [
      delivery.itemId,
      delivery.status,
      outcome,
      attempts,
    ]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['criminal-record', 'in-progress', 'already-taken', 1],
        ['employment-verification-1', 'in-progress', 'already-taken', 1],
        ['criminal-record', 'consider', 'refused', 1],
        ['employment-verification-1', 'clear', 'gave-up', 4],
      ]),
    );
    expect(outcomes).toHaveLength(4);
  });

  it('delivers nothing more for a cancelled order', async () => {
    const url = await started({ inProgressAfterMs: 0, resultAfterMs: 60_000 });
    const order = (await (await post(`${url}${ORDERS_PATH}`, ORDER)).json()) as OrderResponse;
    const cancelled = await post(`${url}${cancelOrderPath(order.orderId)}`, {});
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual({ ...order, status: 'cancelled' });
    await provider!.settled();
    expect(receiver.received.filter((r) => r.delivery.status !== 'in-progress')).toEqual([]);
    expect((await post(`${url}${cancelOrderPath('ord_unknown')}`, {})).status).toBe(404);
  });
});
