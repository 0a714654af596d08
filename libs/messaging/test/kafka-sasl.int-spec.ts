import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { loadConfig, PlatformConfig } from '@hirestream/platform';
import { Kafka, logLevel } from 'kafkajs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { kafkaClientConfig } from '../src';

/** A service's Kafka settings, as its environment gives them, against the embedded SASL listener. */
describe('kafkaClientConfig against the embedded broker’s SASL listener', () => {
  let dir: string;
  let broker: KafkaBroker;

  beforeAll(async () => {
    dir = await makeTempDir('kafka-sasl-config');
    await writeFile(join(dir, 'password'), 'candidates-secret\n');
    broker = await startKafkaBroker({
      port: 0,
      dataDir: join(dir, 'kafka'),
      sasl: { port: 0, users: [{ username: 'candidates', password: 'candidates-secret' }] },
    });
  });

  afterAll(async () => {
    await broker.close();
    await removeTempDir(dir);
  });

  const kafkaFor = (brokers: string | undefined, mechanism: string): Kafka => {
    const config = loadConfig(PlatformConfig, {
      AUTH_MODE: 'development',
      KAFKA_BROKERS: brokers ?? '',
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: 'candidates',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
    });
    return new Kafka({
      ...kafkaClientConfig(config, 'hirestream-candidates'),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });
  };

  it.each(['scram-sha-512', 'plain'])(
    'produces and reads back with KAFKA_SASL_MECHANISM=%s and a password file',
    async (mechanism) => {
      const kafka = kafkaFor(broker.saslBootstrapAddress, mechanism);
      const topic = `hirestream.sasl-${mechanism}.events`;
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'c-1', value: 'registered' }] });
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      try {
        expect(await admin.fetchTopicOffsets(topic)).toEqual([
          expect.objectContaining({ partition: 0, high: '1' }),
        ]);
      } finally {
        await admin.disconnect();
      }
    },
  );

  it('is refused by the plain listener, which does not speak SASL', async () => {
    const producer = kafkaFor(broker.bootstrapAddress, 'scram-sha-512').producer();
    await expect(producer.connect()).rejects.toMatchObject({ type: 'ILLEGAL_SASL_STATE' });
    await producer.disconnect();
  });
});
