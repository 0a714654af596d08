import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { EventStore } from '@hirestream/event-sourcing';
import { loadConfig, PlatformConfig, signDevelopmentToken } from '@hirestream/platform';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { offersServiceOptions } from '../apps/offers/src/offers.service-options';
import { candidateStreamFacts } from '../test/support/candidate-stream-facts';
import { offerStreamFacts } from '../test/support/offer-stream-facts';
import { measureLetterRendering } from './support/offer-letter-bench';
import { measureCommands, runServiceBench, withServedService } from './support/service-bench';

// The offers service against the embedded servers, over HTTP at concurrency 32:
// extending an approved offer (the rules checked on the candidate's stream, the
// letter rendered to HTML and PDF, hashed and stored in PostgreSQL, the event
// appended) and the candidate accepting an extended one; then the letter
// rendering alone, one at a time.

const CONCURRENCY = 32;
const WARMUP_MS = 1_000;
const MEASURE_MS = 5_000;
/** Each connection's candidates, more than a run gets through: every request is a first extension or acceptance. */
const EXTENSIONS_PER_CONNECTION = 60;
const ACCEPTANCES_PER_CONNECTION = 120;
const EXPIRES_AT = '2035-01-01T00:00:00Z';

type Seeded = Readonly<{ candidateId: string; offerId: string }>;

/** A candidate in the offer stage with an approved offer (and, when `extended`, extended to them). */
function offerHistory(extended: boolean): [Seeded, Event[]] {
  const seeded = { candidateId: randomUUID(), offerId: randomUUID() };
  const candidate = candidateStreamFacts(seeded.candidateId);
  const offer = offerStreamFacts(seeded.candidateId, seeded.offerId);
  return [
    seeded,
    [
      ...candidate.interviewing(),
      candidate.moved('interviewing', 'offer'),
      offer.drafted(1, {}, { expiresAt: EXPIRES_AT }),
      ...offer.fullyApproved(),
      ...(extended ? [offer.extended(1, EXPIRES_AT)] : []),
    ],
  ];
}

/** Writes the candidates through the store's client, as the services would, a few at a time. */
async function seed(store: EventStore, count: number, extended: boolean): Promise<Seeded[]> {
  const context = {
    actor: { id: 'bench', role: 'system' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  const seeded: Seeded[] = [];
  let left = count;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (; left > 0; left -= 1) {
        const [ids, events] = offerHistory(extended);
        await store.append(candidateStreamName(ids.candidateId), events, undefined, context);
        seeded.push(ids);
      }
    }),
  );
  return seeded;
}

function request(path: string, token: string, body: object): Buffer {
  const json = JSON.stringify(body);
  return Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
  );
}

const config = loadConfig(PlatformConfig, { AUTH_MODE: 'development' });

/** One request builder per connection, each over its own candidates, none twice. */
function builders(
  perConnection: readonly Seeded[][],
  build: (seeded: Seeded) => Buffer,
): (() => Buffer)[] {
  return perConnection.map((candidates) => {
    let next = 0;
    return () => {
      const seeded = candidates[next];
      next += 1;
      if (seeded === undefined) throw new Error('the seeded requests ran out');
      return build(seeded);
    };
  });
}

async function measureExtensions(child: ChildProcess, port: number, store: EventStore) {
  const token = await signDevelopmentToken(
    { subject: 'bench-recruiter', roles: ['recruiter'] },
    config,
  );
  const perConnection = await Promise.all(
    Array.from({ length: CONCURRENCY }, () => seed(store, EXTENSIONS_PER_CONNECTION, false)),
  );
  await measureCommands({
    child,
    port,
    requests: builders(perConnection, ({ candidateId, offerId }) =>
      request(`/candidates/${candidateId}/offers/${offerId}/extension`, token, { version: 1 }),
    ),
    okStatus: 200,
    title: `extend an approved offer over HTTP (rules, letter rendered to HTML and PDF and stored, event), concurrency ${CONCURRENCY}`,
    noun: 'extension',
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
  });
}

async function measureAcceptances(child: ChildProcess, port: number, store: EventStore) {
  const perConnection = await Promise.all(
    Array.from({ length: CONCURRENCY }, () => seed(store, ACCEPTANCES_PER_CONNECTION, true)),
  );
  // Each candidate accepts with their own token, signed before the run.
  const tokens = new Map<string, string>();
  for (const { candidateId } of perConnection.flat()) {
    tokens.set(
      candidateId,
      await signDevelopmentToken(
        { subject: `candidate-${candidateId}`, roles: ['candidate'], candidateId },
        config,
      ),
    );
  }
  await measureCommands({
    child,
    port,
    requests: builders(perConnection, ({ candidateId, offerId }) =>
      request(
        `/candidates/${candidateId}/offers/${offerId}/acceptance`,
        tokens.get(candidateId) ?? '',
        {
          version: 1,
          signedName: 'Ada Lovelace',
        },
      ),
    ),
    okStatus: 200,
    title: `accept an extended offer over HTTP (the candidate's own token), concurrency ${CONCURRENCY}`,
    noun: 'acceptance',
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
  });
}

runServiceBench('offers', __filename, offersServiceOptions, async (env) => {
  await withServedService(__filename, env, async ({ child, port, store }) => {
    await measureExtensions(child, port, store);
    await measureAcceptances(child, port, store);
  });
  await measureLetterRendering({ letters: 300, warmup: 30 });
});
