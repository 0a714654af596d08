import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { describeWithDocker, eventually } from '@hirestream/testing';

// The container image and docker-compose.yml as a user runs them: the image is
// built, `docker compose up` brings up the real EventStoreDB, Kafka and
// PostgreSQL with every service as API and worker, and the README's smoke
// commands work. Needs Docker with the compose plugin; skipped elsewhere.

const root = join(__dirname, '..');
const project = `hirestream-smoke-${process.pid}`;
const BUILD_AND_START_MS = 20 * 60_000;

function compose(args: readonly string[], timeoutMs = 5 * 60_000): SpawnSyncReturns<string> {
  return spawnSync('docker', ['compose', '-p', project, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
}

describeWithDocker('docker compose up: the image and the platform on the real servers', () => {
  beforeAll(() => {
    const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (plugin.status !== 0) {
      throw new Error(`docker runs but its compose plugin does not: ${plugin.stderr}`);
    }
    const up = compose(['up', '--build', '--detach', '--wait'], BUILD_AND_START_MS);
    if (up.status !== 0) {
      const logs = compose(['logs', '--no-color', '--tail', '50']);
      throw new Error(`docker compose up failed:\n${up.stderr}\n${logs.stdout}`);
    }
  }, BUILD_AND_START_MS);

  afterAll(() => {
    compose(['down', '--volumes', '--remove-orphans']);
  }, 5 * 60_000);

  it('registers a candidate through the API, lists it from the read model, and publishes the event to Kafka', async () => {
    const minted = compose([
      'run',
      '--rm',
      '--no-deps',
      '-T',
      'candidates-api',
      'token',
      '--role',
      'recruiter',
      '--sub',
      'smoke',
    ]);
    expect(minted.status).toBe(0);
    const authorization = `Bearer ${minted.stdout.trim()}`;
    const jobId = `smoke-${process.pid}`;

    const registered = await fetch('http://127.0.0.1:3001/candidates', {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'idempotency-key': `smoke-${process.pid}`,
      },
      body: JSON.stringify({
        fullName: 'Ada Lovelace',
        email: 'ada@example.org',
        jobId,
        source: 'referral',
      }),
    });
    expect(registered.status).toBe(201);
    const { id: candidateId } = (await registered.json()) as { id: string };

    await eventually('the candidate in the list', async () => {
      const listed = await fetch(`http://127.0.0.1:3001/candidates?jobId=${jobId}`, {
        headers: { authorization },
      });
      const body = (await listed.json()) as { items?: { id: string }[] };
      return body.items?.some((item) => item.id === candidateId) ? true : undefined;
    });

    const kafka = new Kafka({ brokers: ['127.0.0.1:29092'], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `smoke-${process.pid}` });
    const keys: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'hirestream.candidates.events', fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          keys.push(message.key?.toString() ?? '');
        },
      });
      await eventually('the event on Kafka', async () =>
        keys.includes(candidateId) ? true : undefined,
      );
    } finally {
      await consumer.disconnect();
    }
  }, 120_000);
});
