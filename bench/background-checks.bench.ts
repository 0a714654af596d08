import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { ResultDelivery } from '@hirestream/embedded-screening-provider';
import type { EventStore } from '@hirestream/event-sourcing';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { backgroundChecksServiceOptions } from '../apps/background-checks/src/background-checks.service-options';
import {
  PROVIDER_ITEM_IDS,
  providerCheckFacts,
} from '../apps/background-checks/test/provider-check-facts';
import { candidateStreamFacts } from '../test/support/candidate-stream-facts';
import { signedWebhook } from '../test/support/screening-webhooks';
import { measureDurableTimers } from './support/durable-timers-bench';
import { measureCommands, runServiceBench, withServedService } from './support/service-bench';

// The background-checks service against the embedded servers: the screening
// provider's webhook deliveries over HTTP at concurrency 16, each signed
// (HMAC-SHA256 over timestamp and raw body, checked by the service) and new
// (each item in progress, then clear), on checks ordered beforehand:
// deliveries taken per second, the service's CPU per delivery, latency. Then
// durable timers: start to ready with 10,000 pending, and how late after its
// due time each fires (bench/support/durable-timers-bench.ts).

const CONCURRENCY = 16;
const WARMUP_MS = 2_000;
const MEASURE_MS = 8_000;
/** Checks per connection, each taking 4 deliveries (2 items, in progress then clear). */
const CHECKS_PER_CONNECTION = 150;

type OrderedCheck = Readonly<{ candidateId: string; checkId: string; orderId: string }>;

/** Candidates whose checks were consented to and ordered, written as the service would. */
async function seedOrderedChecks(store: EventStore, count: number): Promise<OrderedCheck[]> {
  const context = {
    actor: { id: 'bench', role: 'system' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const checks: OrderedCheck[] = Array.from({ length: count }, () => {
    const checkId = randomUUID();
    return { candidateId: randomUUID(), checkId, orderId: `ord_${checkId}` };
  });
  const pending = [...checks];
  // A few appends in flight: the seeding is not what is measured.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let check = pending.pop(); check !== undefined; check = pending.pop()) {
        const facts = candidateStreamFacts(check.candidateId);
        const checkFacts = providerCheckFacts(check.candidateId, check.checkId);
        const events: Event[] = [
          facts.registered(),
          facts.moved('applied', 'background-check'),
          checkFacts.initiated(),
          checkFacts.consented(),
          checkFacts.ordered(check.orderId),
        ];
        await store.append(candidateStreamName(check.candidateId), events, undefined, context);
      }
    }),
  );
  return checks;
}

/** The raw HTTP request of a delivery, signed now. */
function webhookRequest(delivery: ResultDelivery): Buffer {
  const { url, headers, payload } = signedWebhook(delivery);
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.from(
    `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n${head}` +
      `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
  );
}

/** Each check's deliveries in the order a provider sends them: both items in progress, then clear. */
function deliveriesOf(check: OrderedCheck): ResultDelivery[] {
  return (['in-progress', 'clear'] as const).flatMap((status) =>
    PROVIDER_ITEM_IDS.map((itemId) => ({
      deliveryId: randomUUID(),
      orderId: check.orderId,
      metadata: { candidateId: check.candidateId, checkId: check.checkId },
      itemId,
      itemReference: `${check.orderId}-${itemId}`,
      status,
      summary: status === 'clear' ? `${itemId}: Nothing found that needs review.` : null,
      reportReference: status === 'clear' ? `embedded-report:${check.orderId}-${itemId}` : null,
      occurredAt: new Date().toISOString(),
    })),
  );
}

/** Webhook deliveries taken per second over HTTP, each connection on checks of its own. */
async function measureWebhookIngestion(
  child: ChildProcess,
  port: number,
  store: EventStore,
): Promise<void> {
  const checks = await seedOrderedChecks(store, CONCURRENCY * CHECKS_PER_CONNECTION);
  const connections = Array.from({ length: CONCURRENCY }, (_, connection) => {
    const deliveries = checks
      .slice(connection * CHECKS_PER_CONNECTION, (connection + 1) * CHECKS_PER_CONNECTION)
      .flatMap(deliveriesOf);
    let next = 0;
    return () => {
      if (next === deliveries.length) throw new Error('the seeded deliveries ran out');
      return webhookRequest(deliveries[next++]);
    };
  });
  await measureCommands({
    child,
    port,
    requests: connections,
    okStatus: 200,
    title: `screening provider webhooks over HTTP (signed, each new news of an ordered check's item), concurrency ${CONCURRENCY}`,
    noun: 'webhook',
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
  });
}

runServiceBench('background-checks', __filename, backgroundChecksServiceOptions, async (env) => {
  await withServedService(__filename, env, ({ child, port, store }) =>
    measureWebhookIngestion(child, port, store),
  );
  // Once that service is stopped: the timers' own service processes are started there.
  await measureDurableTimers(env);
});
