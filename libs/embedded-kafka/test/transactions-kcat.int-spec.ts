import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { describeWithKcat, kcat, outputLines } from './kcat-process';

/** kcat's consumer to the end of the topic, one value a line. */
async function kcatValues(
  bootstrap: string,
  topic: string,
  isolationLevel: string,
): Promise<string[]> {
  const args = ['-b', bootstrap, '-t', topic, '-C', '-o', 'beginning', '-e', '-q', '-f', '%s\n'];
  return outputLines(await kcat([...args, '-X', `isolation.level=${isolationLevel}`]));
}

describeWithKcat('kcat (librdkafka) reading transactions', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  const producers: Producer[] = [];

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-txn-kcat');
    broker = await startKafkaBroker({ port: 0, dataDir });
  });

  afterAll(async () => {
    await Promise.all(producers.map((p) => p.disconnect().catch(() => undefined)));
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('skips aborted and open transactions with isolation.level=read_committed only', async () => {
    const kafka = new Kafka({ brokers: [broker.bootstrapAddress], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({
      transactionalId: 'kcat-txn',
      idempotent: true,
      maxInFlightRequests: 1,
    });
    producers.push(producer);
    await producer.connect();
    const topic = 'kcat-transactions';
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: 'aborted' }] });
    await aborted.abort();
    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ value: 'committed' }] });
    await committed.commit();
    const open = await producer.transaction();
    await open.send({ topic, messages: [{ value: 'open' }] });

    expect(await kcatValues(broker.bootstrapAddress, topic, 'read_committed')).toEqual([
      'committed',
    ]);
    expect(await kcatValues(broker.bootstrapAddress, topic, 'read_uncommitted')).toEqual([
      'aborted',
      'committed',
      'open',
    ]);
    await open.commit();
    expect(await kcatValues(broker.bootstrapAddress, topic, 'read_committed')).toEqual([
      'committed',
      'open',
    ]);
  });
});
