import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { describeWithKcat, kcat, outputLines } from './kcat-process';
import { waitUntil } from './wait-until';

describeWithKcat('kcat (librdkafka) against the embedded broker', () => {
  let dataDir: string;
  let broker: KafkaBroker;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-kcat');
    broker = await startKafkaBroker({ port: 0, dataDir });
  });

  afterAll(async () => {
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('produces with a key and headers and consumes them back', async () => {
    const b = broker.bootstrapAddress;
    await kcat(
      [
        '-b',
        b,
        '-t',
        'kcat-plain',
        '-P',
        '-k',
        'candidate-1',
        '-H',
        'type=Registered',
        '-H',
        'source=kcat',
      ],
      'first\n',
    );
    await kcat(['-b', b, '-t', 'kcat-plain', '-P', '-k', 'candidate-2'], 'second\n');
    const output = await kcat([
      '-b',
      b,
      '-t',
      'kcat-plain',
      '-C',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%k|%s|%h|%o\n',
    ]);
    expect(outputLines(output)).toEqual([
      'candidate-1|first|type=Registered,source=kcat|0',
      'candidate-2|second||1',
    ]);
  });

  it('reads with kafkajs what kcat produced, key and headers included', async () => {
    const b = broker.bootstrapAddress;
    await kcat(['-b', b, '-t', 'kcat-cross', '-P', '-k', 'k', '-H', 'trace=abc'], 'from-kcat\n');
    const kafka = new Kafka({ brokers: [b], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'kcat-cross-reader', maxWaitTimeInMs: 200 });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: 'kcat-cross', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        void seen.push(
          `${String(message.key)}|${String(message.value)}|${String(message.headers?.trace)}`,
        ),
    });
    await waitUntil('kafkajs read the kcat message', () => seen.length === 1);
    await consumer.disconnect();
    expect(seen).toEqual(['k|from-kcat|abc']);
  });

  it('consumes as a group and resumes from the committed offset', async () => {
    const b = broker.bootstrapAddress;
    const group = [
      '-b',
      b,
      '-G',
      'kcat-group',
      'kcat-grouped',
      '-e',
      '-q',
      '-f',
      '%s\n',
      '-X',
      'auto.offset.reset=earliest',
    ];
    await kcat(['-b', b, '-t', 'kcat-grouped', '-P'], 'one\ntwo\nthree\n');
    expect(outputLines(await kcat(group))).toEqual(['one', 'two', 'three']);
    await kcat(['-b', b, '-t', 'kcat-grouped', '-P'], 'four\nfive\n');
    expect(outputLines(await kcat(group))).toEqual(['four', 'five']);
  });
});
