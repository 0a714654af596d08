import { connect, Socket } from 'node:net';
import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Consumer, Kafka, logLevel, Producer } from 'kafkajs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import {
  longPollFrame,
  RawKafkaClient,
  REQUEST_HEADER_BYTES,
  requestFrame,
  sizePrefix,
} from './raw-kafka-client';
import { waitUntil } from './wait-until';

const MiB = 1024 * 1024;
const MAX_REQUEST_BYTES = MiB;
const MAX_CONNECTIONS = 30;
const IDLE_MS = 3_000;
const API_VERSIONS = 18;
const UNKNOWN_API = 999;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('embedded broker connection limits: request size, connection cap, idle timeout', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  const raws: RawKafkaClient[] = [];
  const sockets: Socket[] = [];
  const raw = async (): Promise<RawKafkaClient> => {
    const client = await RawKafkaClient.connect(broker.port);
    raws.push(client);
    return client;
  };
  const kafka = (): Kafka =>
    new Kafka({
      clientId: 'limits',
      brokers: [broker.bootstrapAddress],
      logLevel: logLevel.NOTHING,
    });

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-limits');
    broker = await startKafkaBroker({
      port: 0,
      dataDir,
      maxRequestBytes: MAX_REQUEST_BYTES,
      maxConnections: MAX_CONNECTIONS,
      connectionsMaxIdleMs: IDLE_MS,
      logError: () => undefined,
    });
  });

  afterAll(async () => {
    for (const client of raws) client.close();
    for (const socket of sockets) socket.destroy();
    await broker.close();
    await removeTempDir(dataDir);
  });

  /** A kafkajs producer and consumer group; `roundTrip` sends a message and waits until it is consumed. */
  async function startCanary(topic: string): Promise<{
    roundTrip(value: string): Promise<void>;
    stop(): Promise<void>;
  }> {
    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    const producer: Producer = client.producer();
    await producer.connect();
    const consumer: Consumer = client.consumer({ groupId: topic, maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Set<string>();
    await consumer.run({
      eachMessage: async ({ message }) => void received.add(message.value?.toString() ?? ''),
    });
    return {
      async roundTrip(value) {
        await producer.send({ topic, acks: -1, messages: [{ value }] });
        await waitUntil(`"${value}" is consumed`, () => received.has(value));
      },
      async stop() {
        await consumer.disconnect();
        await producer.disconnect();
      },
    };
  }

  it('keeps serving kafkajs while connections announce huge requests, crowd past the cap, exceed the size limit and flood it', async () => {
    const canary = await startCanary('limits-canary');
    await canary.roundTrip('before');

    const announcers = await Promise.all(Array.from({ length: 10 }, () => raw()));
    for (const announcer of announcers)
      announcer.send(Buffer.concat([sizePrefix(MAX_REQUEST_BYTES), Buffer.alloc(10, 1)]));
    await canary.roundTrip('after huge size prefixes');

    const crowd: RawKafkaClient[] = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) crowd.push(await raw());
    expect(await crowd[crowd.length - 1].response()).toBe('closed');
    await sleep(200);
    const admitted = crowd.filter((client) => !client.isClosed).length;
    expect(admitted).toBeLessThanOrEqual(MAX_CONNECTIONS - announcers.length - 1);
    expect(crowd.slice(0, admitted).every((client) => !client.isClosed)).toBe(true);
    expect(crowd.slice(admitted).every((client) => client.isClosed)).toBe(true);
    expect(announcers.every((client) => !client.isClosed)).toBe(true);
    await canary.roundTrip('while the connections are at the cap');
    for (const client of crowd) client.close();

    const overLimit = await raw();
    overLimit.send(sizePrefix(MAX_REQUEST_BYTES + 1));
    expect(await overLimit.response()).toBe('closed');
    const garbage = await raw();
    garbage.send(
      requestFrame(UNKNOWN_API, 0, 1, Buffer.alloc(MAX_REQUEST_BYTES - REQUEST_HEADER_BYTES, 7)),
    );
    expect(await garbage.response()).toBe('closed');

    // A client that pipelines requests and never reads the answers: the broker stops reading
    // it (its bytes stay unsent) instead of buffering answers without end.
    const unread = connect({ host: '127.0.0.1', port: broker.port });
    sockets.push(unread);
    unread.on('error', () => undefined);
    unread.pause();
    const apiVersions = requestFrame(API_VERSIONS, 0, 1);
    unread.write(
      Buffer.concat(Array<Buffer>(Math.floor((16 * MiB) / apiVersions.length)).fill(apiVersions)),
    );
    await sleep(1_000);
    expect(unread.writableLength).toBeGreaterThan(0);
    await canary.roundTrip('while a client leaves its answers unread');

    await waitUntil(
      'the idle abusive connections are closed',
      () => announcers.every((client) => client.isClosed) && unread.destroyed,
    );
    await canary.roundTrip('after the idle connections are closed');
    await canary.stop();
  });

  it('closes a connection after connectionsMaxIdleMs without traffic, but not while a long poll is in flight', async () => {
    const idle = await raw();
    const openedAt = performance.now();
    const polling = await raw();
    polling.send(longPollFrame(1, IDLE_MS + 1_500));
    expect(await idle.response()).toBe('closed');
    expect(performance.now() - openedAt).toBeGreaterThanOrEqual(IDLE_MS - 100);

    const answer = await polling.response();
    expect(answer).not.toBe('closed');
    expect(answer !== 'closed' && answer.correlationId).toBe(1);
    const answeredAt = performance.now();
    expect(await polling.response()).toBe('closed');
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(IDLE_MS - 100);
  });

  it('keeps a consumer group whose fetches wait longer than the idle timeout', async () => {
    const client = kafka();
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic: 'limits-quiet', messages: [{ value: 'first' }] });
    const consumer = client.consumer({
      groupId: 'limits-quiet',
      maxWaitTimeInMs: IDLE_MS + 2_000,
      heartbeatInterval: IDLE_MS + 500,
      sessionTimeout: 30_000,
    });
    let joins = 0;
    let crashes = 0;
    consumer.on(consumer.events.GROUP_JOIN, () => (joins += 1));
    consumer.on(consumer.events.CRASH, () => (crashes += 1));
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'limits-quiet', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void received.push(message.value?.toString() ?? ''),
    });
    await waitUntil('the first message is consumed', () => received.length === 1);
    await sleep(2 * IDLE_MS + 1_000);
    await producer.send({ topic: 'limits-quiet', messages: [{ value: 'after a quiet spell' }] });
    await waitUntil('the second message is consumed', () => received.length === 2);
    expect(received).toEqual(['first', 'after a quiet spell']);
    expect(joins).toBe(1);
    expect(crashes).toBe(0);
    await consumer.disconnect();
    await producer.disconnect();
  });

  it('answers every one of many pipelined long polls, in order', async () => {
    const client = await raw();
    const count = 150;
    client.send(Buffer.concat(Array.from({ length: count }, (_, i) => longPollFrame(i, 300))));
    const correlationIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const answer = await client.response();
      if (answer === 'closed') throw new Error(`closed after ${i} answers`);
      correlationIds.push(answer.correlationId);
    }
    expect(correlationIds).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});
