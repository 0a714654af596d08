import { spawn, spawnSync } from 'node:child_process';
import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { waitUntil } from './wait-until';

const kcatVersion = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
const kcatMissing = kcatVersion.error ? kcatVersion.error.message : undefined;

/** kcat (librdkafka) as an independent client; skipped with the reason printed where it is not installed. */
function describeWithKcat(name: string, suite: () => void): void {
  if (kcatMissing) {
    process.stdout.write(
      `skipping "${name}": kcat is not installed (${kcatMissing}); apt-get install -y kcat\n`,
    );
    describe.skip(name, suite);
  } else {
    describe(name, suite);
  }
}

function kcat(args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`kcat ${args.join(' ')} exited with ${String(code)}: ${stderr}`));
    });
    child.stdin.end(input ?? '');
  });
}

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

  const lines = (output: string): string[] => output.split('\n').filter((line) => line !== '');

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
    expect(lines(output)).toEqual([
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
    expect(lines(await kcat(group))).toEqual(['one', 'two', 'three']);
    await kcat(['-b', b, '-t', 'kcat-grouped', '-P'], 'four\nfive\n');
    expect(lines(await kcat(group))).toEqual(['four', 'five']);
  });
});
