import {
  EMBEDDED_PROVIDER_PORT,
  SCREENING_WEBHOOK_PATH,
} from '@hirestream/embedded-screening-provider';
import { EMBEDDED_MAILBOX_PORT, EMBEDDED_SMTP_PORT } from '@hirestream/embedded-smtp';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parsePort } from './command-line-values';
import { onLauncherExit } from './launcher-watch';
import { startTypeScriptProcess, type ManagedProcess } from './managed-process';
import { portProblems } from './port-check';
import { ProcessLogs } from './process-logs';
import { CANDIDACY_STATE_SERVICES, SERVICES } from './services';

// `npm start`: the embedded EventStoreDB, Kafka and PostgreSQL servers and
// screening provider, then every service against them, each in its own
// process; Ctrl-C (or SIGTERM, SIGHUP, the end of what started us) stops the
// services first (they drain and flush their relays), then the servers. Should this process die without stopping them
// (SIGKILL), they stop themselves in the same order (parent-watch.ts).
const root = resolve(__dirname, '..');
const usage = `Usage: npm start -- [--verbose] [--data-dir DIR] [--eventstore-port PORT] [--kafka-port PORT] [--kafka-sasl-port PORT] [--postgres-port PORT] [--screening-provider-port PORT] [--smtp-port PORT] [--mailbox-port PORT] ${SERVICES.map((s) => `[--${s.name}-port PORT]`).join(' ')}`;
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

/**
 * The SASL settings of `--kafka-sasl-port`: the caller's KAFKA_SASL_* where
 * given, else SCRAM-SHA-512 as user "hirestream" with a password made for this run.
 */
function kafkaSaslSettings(env: NodeJS.ProcessEnv): {
  KAFKA_SASL_MECHANISM: string;
  KAFKA_SASL_USERNAME: string;
  KAFKA_SASL_PASSWORD?: string;
} {
  const hasPassword =
    env.KAFKA_SASL_PASSWORD !== undefined || env.KAFKA_SASL_PASSWORD_FILE !== undefined;
  return {
    KAFKA_SASL_MECHANISM: env.KAFKA_SASL_MECHANISM || 'scram-sha-512',
    KAFKA_SASL_USERNAME: env.KAFKA_SASL_USERNAME || 'hirestream',
    ...(hasPassword ? {} : { KAFKA_SASL_PASSWORD: randomBytes(18).toString('base64url') }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: './.data' },
      'eventstore-port': { type: 'string' },
      'kafka-port': { type: 'string' },
      'kafka-sasl-port': { type: 'string' },
      'postgres-port': { type: 'string' },
      'screening-provider-port': { type: 'string' },
      'smtp-port': { type: 'string' },
      'mailbox-port': { type: 'string' },
      ...Object.fromEntries(SERVICES.map((s) => [`${s.name}-port`, { type: 'string' as const }])),
      verbose: { type: 'boolean', default: false },
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
  // With it the services talk to the broker's SASL listener, as to a production Kafka.
  const kafkaSaslPort =
    flags('kafka-sasl-port') === undefined ? undefined : fixedPort('kafka-sasl-port', 9094);
  const kafkaSasl = kafkaSaslPort === undefined ? undefined : kafkaSaslSettings(process.env);
  const kafkaSaslEnv = kafkaSasl ?? {};
  const postgresPort = fixedPort('postgres-port', 5433);
  const providerPort = fixedPort('screening-provider-port', EMBEDDED_PROVIDER_PORT);
  const smtpPort = fixedPort('smtp-port', EMBEDDED_SMTP_PORT);
  const mailboxPort = fixedPort('mailbox-port', EMBEDDED_MAILBOX_PORT);
  const services = SERVICES.map((service) => ({
    ...service,
    port: fixedPort(`${service.name}-port`, service.port),
  }));
  const problems = await portProblems([
    { flag: '--eventstore-port', port: eventStorePort, host: '127.0.0.1' },
    { flag: '--kafka-port', port: kafkaPort, host: '127.0.0.1' },
    ...(kafkaSaslPort === undefined
      ? []
      : [{ flag: '--kafka-sasl-port', port: kafkaSaslPort, host: '127.0.0.1' }]),
    { flag: '--postgres-port', port: postgresPort, host: '127.0.0.1' },
    { flag: '--screening-provider-port', port: providerPort, host: '127.0.0.1' },
    { flag: '--smtp-port', port: smtpPort, host: '127.0.0.1' },
    { flag: '--mailbox-port', port: mailboxPort, host: '127.0.0.1' },
    ...services.map((service) => ({
      flag: `--${service.name}-port`,
      port: service.port,
      host: process.env.HOST || '127.0.0.1',
    })),
  ]);
  if (problems.length > 0) {
    console.error(
      [
        'hirestream cannot start:',
        ...problems.map((problem) => `  ${problem}`),
        'Stop what holds them, or choose other ports (npm start -- --help).',
      ].join('\n'),
    );
    process.exit(1);
  }

  const running: ManagedProcess[] = [];
  let stopped: Promise<void> | undefined;
  // Each process's output goes to <data>/logs/<name>.log; the terminal shows warnings and errors.
  const logs = new ProcessLogs(join(dataDir, 'logs'), values.verbose, (line) => console.log(line));
  const start = (
    name: string,
    entry: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv,
  ): ManagedProcess => {
    if (stopped !== undefined) throw new Error('stopped while starting');
    const started = startTypeScriptProcess(
      name,
      join(root, entry),
      args,
      env,
      logs.lineHandler(name),
    );
    running.push(started);
    console.log(`started ${name} (pid ${started.child.pid})`);
    return started;
  };

  const stopAll = (reason: string): Promise<void> =>
    (stopped ??= (async () => {
      console.log(`hirestream stopping (${reason})`);
      for (const process of [...running].reverse()) await process.stop();
      await logs.close();
      console.log('hirestream stopped');
    })());
  // A closed terminal (SIGHUP) or a killed reader takes our output with it:
  // printing is best effort, stopping is not.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stopAll(signal).then(() => process.exit(0)));
  }
  onLauncherExit(
    () => void stopAll('the process that started it is gone').then(() => process.exit(0)),
  );
  console.log(`hirestream starting (pid ${process.pid})`);
  if (!values.verbose) {
    console.log(`logs in ${logs.dir}/<name>.log (--verbose prints them here)`);
  }

  // The provider reports results to the background-checks service's webhook.
  const checksPort = services.find((service) => service.name === 'background-checks')?.port;
  try {
    const devstack = start(
      'devstack',
      'tools/devstack.ts',
      [
        '--data-dir',
        dataDir,
        '--eventstore-port',
        String(eventStorePort),
        '--kafka-port',
        String(kafkaPort),
        ...(kafkaSaslPort === undefined ? [] : ['--kafka-sasl-port', String(kafkaSaslPort)]),
        '--postgres-port',
        String(postgresPort),
        '--screening-provider-port',
        String(providerPort),
        '--screening-provider-webhook-url',
        `http://127.0.0.1:${checksPort}${SCREENING_WEBHOOK_PATH}`,
        '--smtp-port',
        String(smtpPort),
        '--mailbox-port',
        String(mailboxPort),
      ],
      // The broker's SASL user is the one the services log in as.
      { ...process.env, ...kafkaSaslEnv },
    );
    // The embedded server names its user and password: the services get what it printed.
    const databaseUrl = await new Promise<string>((resolveReady, reject) => {
      let printed = '';
      createInterface({ input: devstack.child.stdout! }).on('line', (line) => {
        printed = /^postgres ready on (\S+)$/.exec(line)?.[1] ?? printed;
        if (line.startsWith('devstack ready')) resolveReady(printed);
      });
      void devstack.exited.then((code) =>
        reject(new Error(`the embedded servers exited with ${code}`)),
      );
    });

    const env = {
      ...process.env,
      EVENTSTORE_CONNECTION_STRING: `esdb://127.0.0.1:${eventStorePort}?tls=false`,
      KAFKA_BROKERS: `127.0.0.1:${kafkaSaslPort ?? kafkaPort}`,
      ...kafkaSaslEnv,
      DATABASE_URL: databaseUrl,
      SCREENING_PROVIDER_URL: `http://127.0.0.1:${providerPort}`,
      SMTP_HOST: process.env.SMTP_HOST || '127.0.0.1',
      SMTP_PORT: process.env.SMTP_PORT || String(smtpPort),
      // A local platform: tokens from `npm run token`, unless told otherwise.
      AUTH_MODE: process.env.AUTH_MODE || 'development',
      // The relay chose kafkajs's default partitioner (murmur2, as Java clients): no notice needed.
      KAFKAJS_NO_PARTITIONER_WARNING: process.env.KAFKAJS_NO_PARTITIONER_WARNING || '1',
      // Every service: the personal-data key-encryption key, generated once in the data folder.
      PERSONAL_DATA_KEK_FILE:
        process.env.PERSONAL_DATA_KEK_FILE || join(dataDir, 'personal-data', 'key-encryption-key'),
      // The audit service: its development signing key in the data folder, and where the others listen.
      AUDIT_DATA_DIR: process.env.AUDIT_DATA_DIR || join(dataDir, 'audit'),
      AUDIT_SERVICE_URLS:
        process.env.AUDIT_SERVICE_URLS ||
        services
          .filter((service) => CANDIDACY_STATE_SERVICES.some(({ name }) => name === service.name))
          .map((service) => `${service.name}=http://127.0.0.1:${service.port}`)
          .join(','),
    };
    const urls: Array<{ name: string; url: string }> = [];
    for (const service of services) {
      const child = start(service.name, service.entry, [], { ...env, PORT: String(service.port) });
      devstack.outlive(child);
      const url = `http://127.0.0.1:${service.port}`;
      await waitUntilReady(`${url}/health/ready`, child);
      urls.push({ name: service.name, url });
    }

    const audit = urls.find(({ name }) => name === 'audit');
    const consoleRow: [string, string][] =
      audit === undefined
        ? []
        : [['console', `${audit.url}/console   (the auditor's console, with an auditor's token)`]];
    const rows: [string, string][] = [
      ['EventStoreDB', `esdb://127.0.0.1:${eventStorePort}?tls=false`],
      [
        'Kafka',
        kafkaSasl === undefined
          ? `127.0.0.1:${kafkaPort}`
          : `127.0.0.1:${kafkaPort}, SASL_PLAINTEXT 127.0.0.1:${kafkaSaslPort} (${kafkaSasl.KAFKA_SASL_MECHANISM} as ${kafkaSasl.KAFKA_SASL_USERNAME})`,
      ],
      ['PostgreSQL', databaseUrl],
      [
        'Screening',
        `http://127.0.0.1:${providerPort}   (embedded provider, results to background-checks)`,
      ],
      [
        'Mailbox',
        `http://127.0.0.1:${mailboxPort}   (what candidates were sent; SMTP on ${smtpPort})`,
      ],
      ...urls.map(({ name, url }): [string, string] => [name, `${url}   API docs: ${url}/docs`]),
      ...consoleRow,
      ['data', dataDir],
      ['logs', `${logs.dir}/<service>.log`],
      ['token', 'npm run token -- --role recruiter --sub alice'],
      ['', '(send it as "Authorization: Bearer <token>")'],
    ];
    const column = Math.max(...rows.map(([label]) => label.length));
    console.log(
      [
        '',
        'hirestream is ready',
        ...rows.map(([label, value]) => `  ${label.padEnd(column)}  ${value}`),
        'Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
    for (const process of running) {
      void process.exited.then((code) => {
        if (stopped === undefined)
          void stopAll(`${process.name} exited with ${code}`).then(() =>
            globalThis.process.exit(1),
          );
      });
    }
  } catch (error) {
    if (stopped === undefined) {
      console.error(
        `hirestream could not start: ${error instanceof Error ? error.message : String(error)} (the logs: ${logs.dir})`,
      );
    }
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
