import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { finalStatusOf, summaryOf } from './screening-outcomes';
import {
  ORDERS_PATH,
  type OrderRequest,
  type OrderResponse,
  type ResultDelivery,
  type ScreeningStatus,
} from './screening-provider-api';
import { deliverWebhook, type DeliveryReport, type DeliverySettings } from './webhook-deliveries';
import {
  DEVELOPMENT_API_KEY,
  DEVELOPMENT_WEBHOOK_SECRET,
  EMBEDDED_PROVIDER_PORT,
} from './screening-provider-defaults';

export type ScreeningProviderOptions = Readonly<{
  /** 0 picks a free port. Default 3090. */
  port?: number;
  host?: string;
  /** Where results are delivered: the background-checks service's webhook route. */
  webhookUrl: string;
  webhookSecret?: string;
  /** The key an order must carry as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** After an order, how long until each item is reported in progress (default 2 s). */
  inProgressAfterMs?: number;
  /** After an order, how long until each item's result is reported (default 5 s). */
  resultAfterMs?: number;
  delivery?: Partial<Omit<DeliverySettings, 'webhookUrl' | 'webhookSecret'>>;
  /** Told of every delivery's end (taken or not), e.g. to log the ones not taken. */
  onDelivery?: (report: DeliveryReport) => void;
}>;

export type ScreeningProviderServer = Readonly<{
  url: string;
  port: number;
  /** Resolves once every delivery under way has ended (the tests' way to wait for results). */
  settled(): Promise<void>;
  /** Stops delivering and listening. */
  close(): Promise<void>;
}>;

const MAX_BODY_BYTES = 1_048_576;

const OrderRequestSchema = Type.Object({
  candidate: Type.Object({
    fullName: Type.String({ minLength: 1, maxLength: 500 }),
    email: Type.String({ minLength: 3, maxLength: 320, pattern: '^[^@\\s]+@[^@\\s]+$' }),
  }),
  items: Type.Array(
    Type.Object({
      itemId: Type.String({ minLength: 1, maxLength: 200 }),
      kind: Type.String({ minLength: 1, maxLength: 100 }),
      subject: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
    }),
    { minItems: 1, maxItems: 50 },
  ),
  metadata: Type.Object({
    candidateId: Type.String({ minLength: 1, maxLength: 200 }),
    checkId: Type.String({ minLength: 1, maxLength: 200 }),
  }),
});

type Order = {
  readonly request: OrderRequest;
  readonly response: OrderResponse;
  readonly deliveries: AbortController;
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpProblem(413, 'The body is too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A background-screening provider on one port, for `npm start` and tests:
 * takes orders (idempotent per Idempotency-Key), then reports each item in
 * progress and later its result through signed webhooks, retried until taken.
 * Results follow the candidate's email (see `finalStatusOf`). Orders live in
 * memory: a restart forgets them and their pending deliveries.
 */
export async function startScreeningProvider(
  options: ScreeningProviderOptions,
): Promise<ScreeningProviderServer> {
  const apiKey = options.apiKey ?? DEVELOPMENT_API_KEY;
  const settings: DeliverySettings = {
    webhookUrl: options.webhookUrl,
    webhookSecret: options.webhookSecret ?? DEVELOPMENT_WEBHOOK_SECRET,
    timeoutMs: 10_000,
    initialBackoffMs: 1_000,
    maxBackoffMs: 10_000,
    maxAttempts: 12,
    now: () => Date.now(),
    ...options.delivery,
  };
  const inProgressAfterMs = options.inProgressAfterMs ?? 2_000;
  const resultAfterMs = Math.max(options.resultAfterMs ?? 5_000, inProgressAfterMs);
  const ordersById = new Map<string, Order>();
  const ordersByKey = new Map<string, Order>();
  const running = new Set<Promise<void>>();
  const stopping = new AbortController();

  const send = async (delivery: ResultDelivery, signal: AbortSignal): Promise<void> => {
    const report = await deliverWebhook(delivery, settings, signal);
    options.onDelivery?.(report);
  };

  /** The item's news in order: in progress after d1, its result after d2 (once the first was sent). */
  const reportItem = async (order: Order, index: number, placedAt: number): Promise<void> => {
    const { signal } = order.deliveries;
    const { request, response } = order;
    const item = request.items[index];
    const news = (status: ScreeningStatus): ResultDelivery => {
      const final = status === 'in-progress' ? undefined : status;
      return {
        deliveryId: randomUUID(),
        orderId: response.orderId,
        metadata: request.metadata,
        itemId: item.itemId,
        itemReference: response.items[index].reference,
        status,
        summary: final === undefined ? null : summaryOf(final, item.kind),
        reportReference:
          final === undefined ? null : `embedded-report:${response.items[index].reference}`,
        occurredAt: new Date(settings.now()).toISOString(),
      };
    };
    const waitUntil = (at: number) =>
      sleep(Math.max(0, at - Date.now()), true, { signal }).catch(() => false);
    if (!(await waitUntil(placedAt + inProgressAfterMs))) return;
    await send(news('in-progress'), signal);
    if (!(await waitUntil(placedAt + resultAfterMs))) return;
    await send(news(finalStatusOf(request.candidate.email, index)), signal);
  };

  const track = (work: Promise<void>): void => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const placeOrder = async (request: IncomingMessage): Promise<[number, OrderResponse]> => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw new HttpProblem(400, 'An Idempotency-Key header is required');
    }
    const text = await readBody(request);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpProblem(400, 'The body is not JSON');
    }
    if (!Value.Check(OrderRequestSchema, body)) {
      const [first] = Value.Errors(OrderRequestSchema, body);
      throw new HttpProblem(400, `Invalid order: ${first?.path ?? ''} ${first?.message ?? ''}`);
    }
    const known = ordersByKey.get(key);
    if (known !== undefined) return [200, known.response];
    const orderId = `ord_${randomUUID()}`;
    const order: Order = {
      request: body,
      response: {
        orderId,
        status: 'open',
        items: body.items.map(({ itemId }, index) => ({
          itemId,
          reference: `${orderId}-item-${index + 1}`,
        })),
      },
      deliveries: new AbortController(),
    };
    ordersById.set(orderId, order);
    ordersByKey.set(key, order);
    stopping.signal.addEventListener('abort', () => order.deliveries.abort(), { once: true });
    const placedAt = Date.now();
    body.items.forEach((_, index) => track(reportItem(order, index, placedAt)));
    return [201, order.response];
  };

  const cancelOrder = (orderId: string): [number, OrderResponse] => {
    const order = ordersById.get(orderId);
    if (order === undefined) throw new HttpProblem(404, `No order ${orderId}`);
    order.deliveries.abort();
    const cancelled: Order = { ...order, response: { ...order.response, status: 'cancelled' } };
    ordersById.set(orderId, cancelled);
    for (const [key, known] of ordersByKey) if (known === order) ordersByKey.set(key, cancelled);
    return [200, cancelled.response];
  };

  const route = async (request: IncomingMessage): Promise<[number, unknown]> => {
    const path = new URL(request.url ?? '/', 'http://provider').pathname;
    if (request.method === 'GET' && path === '/health') return [200, { status: 'up' }];
    const authorization = request.headers.authorization ?? '';
    if (!sameSecret(authorization, `Bearer ${apiKey}`)) {
      throw new HttpProblem(401, 'A valid API key is required (Authorization: Bearer <key>)');
    }
    if (request.method === 'POST' && path === ORDERS_PATH) return placeOrder(request);
    const cancel = /^\/v1\/orders\/([^/]+)\/cancel$/.exec(path);
    if (request.method === 'POST' && cancel !== null) {
      return cancelOrder(decodeURIComponent(cancel[1]));
    }
    const read = /^\/v1\/orders\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && read !== null) {
      const order = ordersById.get(decodeURIComponent(read[1]));
      if (order === undefined) throw new HttpProblem(404, `No order ${read[1]}`);
      return [200, order.response];
    }
    throw new HttpProblem(404, `No route ${request.method} ${path}`);
  };

  const answer = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

  const server = createServer((request, response) => {
    route(request).then(
      ([status, body]) => answer(response, status, body),
      (error: unknown) =>
        error instanceof HttpProblem
          ? answer(response, error.status, { error: error.message })
          : answer(response, 500, { error: 'The provider failed' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? EMBEDDED_PROVIDER_PORT, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    settled: async () => {
      while (running.size > 0) await Promise.all(running);
    },
    close: async () => {
      stopping.abort();
      await Promise.all(running);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
