import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { parsePort } from './command-line-values';
import { startTypeScriptProcess, type ManagedProcess } from './managed-process';
import { SERVICES } from './services';

// `npm start`: the embedded EventStoreDB and Kafka servers, then every service
// against them, each in its own process; Ctrl-C stops the services first (they
// drain and flush their relays), then the servers.
const root = resolve(__dirname, '..');
const usage = `Usage: npm start -- [--data-dir DIR] [--eventstore-port PORT] [--kafka-port PORT] ${SERVICES.map((s) => `[--${s.name}-port PORT]`).join(' ')}`;
const READY_TIMEOUT_MS = 60_000;

async function waitUntilReady(url: string, process: ManagedProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  void process.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`${process.name} exited before it was ready`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${process.name} was not ready within ${READY_TIMEOUT_MS / 1000} s (${url})`);
    await sleep(200);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: './.data' },
      'eventstore-port': { type: 'string' },
      'kafka-port': { type: 'string' },
      ...Object.fromEntries(SERVICES.map((s) => [`${s.name}-port`, { type: 'string' as const }])),
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const flags = (name: string): string | undefined => {
    const value = (values as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const dataDir = resolve(values['data-dir']);
  // Every process is told the others' ports up front, so none may pick its own (0).
  const fixedPort = (flag: string, fallback: number): number => {
    const chosen = parsePort(`--${flag}`, flags(flag), fallback);
    if (chosen === 0) throw new Error(`--${flag} must be a fixed port for npm start, not 0`);
    return chosen;
  };
  const eventStorePort = fixedPort('eventstore-port', 2113);
  const kafkaPort = fixedPort('kafka-port', 9092);
  const running: ManagedProcess[] = [];
  const print = (name: string) => (line: string) => console.log(`[${name}] ${line}`);

  let stopping = false;
  const stopAll = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`hirestream stopping (${reason})`);
    for (const process of [...running].reverse()) await process.stop();
    console.log('hirestream stopped');
  };
  process.on('SIGINT', () => void stopAll('SIGINT').then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll('SIGTERM').then(() => process.exit(0)));
  process.on('exit', () => running.forEach((p) => p.child.kill('SIGKILL')));

  try {
    const devstack = startTypeScriptProcess(
      'devstack',
      join(root, 'tools', 'devstack.ts'),
      [
        '--data-dir',
        dataDir,
        '--eventstore-port',
        String(eventStorePort),
        '--kafka-port',
        String(kafkaPort),
      ],
      process.env,
      print('devstack'),
    );
    running.push(devstack);
    await new Promise<void>((resolveReady, reject) => {
      devstack.child.stdout?.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('devstack ready') && resolveReady(),
      );
      void devstack.exited.then((code) =>
        reject(new Error(`the embedded servers exited with ${code}`)),
      );
    });

    const env = {
      ...process.env,
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${eventStorePort}?tls=false`,
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    };
    const urls: Array<{ name: string; url: string }> = [];
    for (const service of SERVICES) {
      const servicePort = parsePort(
        `--${service.name}-port`,
        flags(`${service.name}-port`),
        service.port,
      );
      const child = startTypeScriptProcess(
        service.name,
        join(root, service.entry),
        [],
        { ...env, PORT: String(servicePort) },
        print(service.name),
      );
      running.push(child);
      const url = `http://127.0.0.1:${servicePort}`;
      await waitUntilReady(`${url}/health/ready`, child);
      urls.push({ name: service.name, url });
    }

    console.log(
      [
        '',
        'hirestream is ready',
        `  EventStoreDB  esdb://127.0.0.1:${eventStorePort}?tls=false`,
        `  Kafka         127.0.0.1:${kafkaPort}`,
        ...urls.map(({ name, url }) => `  ${name.padEnd(13)} ${url}   API docs: ${url}/docs`),
        `  data          ${dataDir}`,
        '  token         npm run token -- --role recruiter --sub alice',
        '                (send it as "Authorization: Bearer <token>")',
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
    for (const process of running) {
      void process.exited.then((code) => {
        if (!stopping)
          void stopAll(`${process.name} exited with ${code}`).then(() =>
            globalThis.process.exit(1),
          );
      });
    }
  } catch (error) {
    console.error(
      `hirestream could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await stopAll('start-up failed');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(
    `hirestream could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  console.error(usage);
  process.exit(1);
});
