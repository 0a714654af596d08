import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog, serviceEventsTopic } from '@hirestream/contracts';
import { EventSerializer } from '@hirestream/event-sourcing';
import { PostgresSingleActive, ReadModelDatabase } from '@hirestream/read-models';
import { eventually, startEmbeddedServers, type EmbeddedServers } from '@hirestream/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client } from 'pg';
import { EventRelay } from '../src';
import { registerCandidates } from './support/candidate-events';

// Two workers of one service, each with a relay: one relays, the other stands
// by, and takes over from the checkpoint when the first one's lease is lost.

let servers: EmbeddedServers;
let client: EventStoreDBClient;
let kafka: Kafka;
let consumer: Consumer;
const databases: ReadModelDatabase[] = [];
const relays: EventRelay[] = [];

beforeAll(async () => {
  servers = await startEmbeddedServers('relay-lease');
  client = EventStoreDBClient.connectionString`${servers.eventStore.connectionString}`;
  kafka = new Kafka({ brokers: [servers.kafka.bootstrapAddress], logLevel: logLevel.NOTHING });
});

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await consumer?.disconnect();
  await Promise.all(databases.map((db) => db.close()));
  await client?.dispose();
  await servers?.stop();
});

const warnings: string[] = [];

function worker(): EventRelay {
  const db = new ReadModelDatabase(servers.env.DATABASE_URL!, 'candidates');
  databases.push(db);
  const relay = new EventRelay({
    service: 'candidates',
    eventStore: client,
    serializer: new EventSerializer(hirestreamEventCatalog),
    kafka,
    singleActive: new PostgresSingleActive(db),
    logger: { warn: (message) => warnings.push(message), error: () => undefined },
  });
  relays.push(relay);
  void relay.start();
  return relay;
}

/** Ends the relay lease's database session from outside, as a network cut or a failover would. */
async function cutLeaseSessions(): Promise<number> {
  const admin = new Client({ connectionString: servers.env.DATABASE_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_locks
       where locktype = 'advisory' and granted and pid <> pg_backend_pid()`,
    );
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

it('relays every event once from one worker while the other stands by, and carries on when the holder loses its lease or shuts down', async () => {
  const delivered = new Map<string, number>();
  consumer = kafka.consumer({ groupId: 'relay-lease-test' });
  await consumer.connect();
  await consumer.subscribe({ topic: serviceEventsTopic('candidates'), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const id = message.headers?.ce_id?.toString() ?? '';
      delivered.set(id, (delivered.get(id) ?? 0) + 1);
    },
  });

  const until = (what: string, condition: () => boolean) =>
    eventually(what, async () => (condition() ? true : undefined), 30_000);
  const [first, second] = [worker(), worker()];
  await until(
    'one relay active, one standing by',
    () => [first.state, second.state].sort().join() === 'active,standby',
  );
  const standby = first.state === 'standby' ? first : second;

  await registerCandidates(client, 200);
  await until('200 events delivered', () => delivered.size === 200);
  expect([...delivered.values()].every((times) => times === 1)).toBe(true);
  expect(standby.state).toBe('standby');

  // A lease lost (its session cut): the holder stops relaying at once; one relay carries on.
  expect(await cutLeaseSessions()).toBeGreaterThan(0);
  await until('the holder to notice', () =>
    warnings.includes('relay lost its lease; another replica takes over'),
  );
  await until(
    'one relay active again',
    () => [first.state, second.state].sort().join() === 'active,standby',
  );
  await registerCandidates(client, 100);
  await until('300 events delivered', () => delivered.size === 300);

  // The active worker shuts down (a rollout): the one standing by takes over from the checkpoint.
  const leaving = first.state === 'active' ? first : second;
  const staying = leaving === first ? second : first;
  await leaving.stop();
  await until('the standby relay to take over', () => staying.state === 'active');
  await registerCandidates(client, 100);
  await until('400 events delivered', () => delivered.size === 400);
  expect([...delivered.values()].every((times) => times === 1)).toBe(true);
});
