import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { startEventStoreServer } from '@hirestream/embedded-eventstore';
import { startKafkaBroker, type SaslMechanism } from '@hirestream/embedded-kafka';
import { startPostgresServer } from '@hirestream/embedded-postgres';
import {
  EMBEDDED_PROVIDER_PORT,
  SCREENING_WEBHOOK_PATH,
  startScreeningProvider,
  type DeliveryReport,
} from '@hirestream/embedded-screening-provider';
import {
  EMBEDDED_MAILBOX_PORT,
  EMBEDDED_SMTP_PORT,
  startEmbeddedSmtp,
} from '@hirestream/embedded-smtp';
import { parseBoolean, parseCount, parsePort } from './command-line-values';
import { kafkaSaslUsers } from './kafka-sasl-users';
// The file itself: the platform's index would load NestJS, which the servers do not need.
import { onParentExit } from '../libs/platform/src/bootstrap/parent-watch';

// Runs the embedded EventStoreDB-compatible server, Kafka-compatible broker,
// PostgreSQL server, screening provider and SMTP server (with its mailbox page)
// in the foreground. Without a port flag all five start; with port flags, only those.
const usage = `Usage: npm run devstack -- [--data-dir DIR] [--eventstore-port PORT] [--kafka-port PORT] [--postgres-port PORT] [--screening-provider-port PORT] [--smtp-port PORT] [--mailbox-port PORT] [--advertised-host HOST]
  EventStore: [--eventstore-start-standard-projections true|false] (enables $by_category and $by_event_type)
             [--eventstore-batch-append true|false] (lists Streams/BatchAppend, so clients append through it)
  Kafka: [--kafka-partitions N] [--kafka-auto-create-topics true|false] [--kafka-initial-rebalance-delay-ms MS]
         [--kafka-retention-ms MS] [--kafka-retention-bytes BYTES] [--kafka-max-request-bytes BYTES]
         [--kafka-max-connections N] [--kafka-connections-max-idle-ms MS]
         [--kafka-sasl-port PORT] [--kafka-sasl-mechanisms PLAIN,SCRAM-SHA-512] [--kafka-sasl-users FILE]
         (a SASL_PLAINTEXT listener beside the plain one; users from FILE, a JSON array of
          { "username", "password" }, else KAFKA_SASL_USERNAME with KAFKA_SASL_PASSWORD(_FILE))
  Screening provider: [--screening-provider-host HOST] [--screening-provider-webhook-url URL] [--screening-provider-in-progress-after-ms MS]
         [--screening-provider-result-after-ms MS]
         (its API key and webhook secret: SCREENING_PROVIDER_API_KEY, SCREENING_PROVIDER_WEBHOOK_SECRET
          as the background-checks service reads them, else the development ones)
  SMTP server: [--smtp-host HOST] (where it and its mailbox page listen; default 127.0.0.1)`;

interface StartedServer {
  readonly readyLine: string;
  close(): Promise<void>;
}

/** A started server and the line that tells where it listens. */
function withReadyLine(
  name: string,
  address: string,
  server: { close(): Promise<void> },
): StartedServer {
  return { readyLine: `${name} ready on ${address}`, close: () => server.close() };
}

/** A delivery the service did not take is worth a line; the others are the usual flow. */
function reportUntaken({ delivery, outcome, attempts, last }: DeliveryReport): void {
  if (outcome === 'taken' || outcome === 'cancelled') return;
  console.log(
    `screening provider: delivery ${delivery.deliveryId} (${delivery.itemId} ${delivery.status}) ${outcome} after ${attempts} attempt(s), last: ${last}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: './.data' },
      'eventstore-port': { type: 'string' },
      'kafka-port': { type: 'string' },
      'postgres-port': { type: 'string' },
      'advertised-host': { type: 'string', default: '127.0.0.1' },
      'eventstore-start-standard-projections': { type: 'string' },
      'eventstore-batch-append': { type: 'string' },
      'kafka-partitions': { type: 'string' },
      'kafka-auto-create-topics': { type: 'string' },
      'kafka-initial-rebalance-delay-ms': { type: 'string' },
      'kafka-retention-ms': { type: 'string' },
      'kafka-retention-bytes': { type: 'string' },
      'kafka-max-request-bytes': { type: 'string' },
      'kafka-max-connections': { type: 'string' },
      'kafka-connections-max-idle-ms': { type: 'string' },
      'kafka-sasl-port': { type: 'string' },
      'kafka-sasl-mechanisms': { type: 'string' },
      'kafka-sasl-users': { type: 'string' },
      'screening-provider-port': { type: 'string' },
      'screening-provider-host': { type: 'string', default: '127.0.0.1' },
      'screening-provider-webhook-url': {
        type: 'string',
        default: `http://127.0.0.1:3004${SCREENING_WEBHOOK_PATH}`,
      },
      'screening-provider-in-progress-after-ms': { type: 'string' },
      'screening-provider-result-after-ms': { type: 'string' },
      'smtp-port': { type: 'string' },
      'smtp-host': { type: 'string', default: '127.0.0.1' },
      'mailbox-port': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const dataDir = resolve(values['data-dir']);
  const startAll =
    values['eventstore-port'] === undefined &&
    values['kafka-port'] === undefined &&
    values['postgres-port'] === undefined &&
    values['screening-provider-port'] === undefined &&
    values['smtp-port'] === undefined;
  const eventStorePort = parsePort('--eventstore-port', values['eventstore-port'], 2113);
  const kafkaOptions = {
    port: parsePort('--kafka-port', values['kafka-port'], 9092),
    advertisedHost: values['advertised-host'],
    dataDir: join(dataDir, 'kafka'),
    defaultPartitions: parseCount('--kafka-partitions', values['kafka-partitions']),
    autoCreateTopics: parseBoolean(
      '--kafka-auto-create-topics',
      values['kafka-auto-create-topics'],
    ),
    initialRebalanceDelayMs: parseCount(
      '--kafka-initial-rebalance-delay-ms',
      values['kafka-initial-rebalance-delay-ms'],
    ),
    retentionMs: parseCount('--kafka-retention-ms', values['kafka-retention-ms']),
    retentionBytes: parseCount('--kafka-retention-bytes', values['kafka-retention-bytes']),
    maxRequestBytes: parseCount('--kafka-max-request-bytes', values['kafka-max-request-bytes']),
    maxConnections: parseCount('--kafka-max-connections', values['kafka-max-connections']),
    connectionsMaxIdleMs: parseCount(
      '--kafka-connections-max-idle-ms',
      values['kafka-connections-max-idle-ms'],
    ),
    sasl:
      values['kafka-sasl-port'] === undefined
        ? undefined
        : {
            port: parsePort('--kafka-sasl-port', values['kafka-sasl-port'], 9094),
            // Checked by the broker's options, which name the supported ones.
            mechanisms: values['kafka-sasl-mechanisms']
              ?.split(',')
              .map((name) => name.trim().toUpperCase()) as SaslMechanism[] | undefined,
            users: kafkaSaslUsers(values['kafka-sasl-users'], process.env),
          },
  };
  // ReadModelConfig's default DATABASE_URL names this port.
  const postgresPort = parsePort('--postgres-port', values['postgres-port'], 5433);

  // The servers start side by side: PostgreSQL runs in processes of its own.
  const starting: Array<Promise<StartedServer>> = [];
  if (startAll || values['eventstore-port'] !== undefined) {
    const eventStore = startEventStoreServer({
      port: eventStorePort,
      dataDir: join(dataDir, 'eventstore'),
      startStandardProjections: parseBoolean(
        '--eventstore-start-standard-projections',
        values['eventstore-start-standard-projections'],
      ),
      batchAppend: parseBoolean('--eventstore-batch-append', values['eventstore-batch-append']),
    });
    starting.push(
      eventStore.then((server) => withReadyLine('eventstore', server.connectionString, server)),
    );
  }
  if (startAll || values['kafka-port'] !== undefined) {
    const kafka = startKafkaBroker(kafkaOptions);
    starting.push(
      kafka.then((broker) =>
        withReadyLine(
          'kafka',
          broker.saslBootstrapAddress === undefined
            ? broker.bootstrapAddress
            : `${broker.bootstrapAddress} (SASL_PLAINTEXT on ${broker.saslBootstrapAddress}: ${kafkaOptions.sasl?.mechanisms?.join(', ') ?? 'PLAIN, SCRAM-SHA-512'})`,
          broker,
        ),
      ),
    );
  }
  if (startAll || values['postgres-port'] !== undefined) {
    const postgres = startPostgresServer({
      port: postgresPort,
      dataDir: join(dataDir, 'postgres'),
    });
    starting.push(
      postgres.then((server) => withReadyLine('postgres', server.connectionString, server)),
    );
  }
  if (startAll || values['screening-provider-port'] !== undefined) {
    // Signed with the service's clock: CLOCK_SHIFT_SECONDS runs both ahead alike.
    const shiftMs =
      (parseCount('CLOCK_SHIFT_SECONDS', process.env.CLOCK_SHIFT_SECONDS) ?? 0) * 1000;
    const provider = startScreeningProvider({
      port: parsePort(
        '--screening-provider-port',
        values['screening-provider-port'],
        EMBEDDED_PROVIDER_PORT,
      ),
      host: values['screening-provider-host'],
      webhookUrl: values['screening-provider-webhook-url'],
      apiKey: process.env.SCREENING_PROVIDER_API_KEY || undefined,
      webhookSecret: process.env.SCREENING_PROVIDER_WEBHOOK_SECRET || undefined,
      inProgressAfterMs: parseCount(
        '--screening-provider-in-progress-after-ms',
        values['screening-provider-in-progress-after-ms'],
      ),
      resultAfterMs: parseCount(
        '--screening-provider-result-after-ms',
        values['screening-provider-result-after-ms'],
      ),
      delivery: { now: () => Date.now() + shiftMs },
      onDelivery: reportUntaken,
    });
    starting.push(
      provider.then((server) => withReadyLine('screening-provider', server.url, server)),
    );
  }
  if (startAll || values['smtp-port'] !== undefined) {
    const smtp = startEmbeddedSmtp({
      smtpPort: parsePort('--smtp-port', values['smtp-port'], EMBEDDED_SMTP_PORT),
      mailboxPort: parsePort('--mailbox-port', values['mailbox-port'], EMBEDDED_MAILBOX_PORT),
      dataDir: join(dataDir, 'smtp'),
      host: values['smtp-host'],
    });
    starting.push(
      smtp.then((server) =>
        withReadyLine(
          'smtp',
          `smtp://${values['smtp-host']}:${server.smtpPort} mailbox ${server.mailboxUrl}`,
          server,
        ),
      ),
    );
  }
  const outcomes = await Promise.allSettled(starting);
  const servers = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(servers.map((server) => server.close()));
    throw failure.reason;
  }
  for (const server of servers) console.log(server.readyLine);
  console.log(`devstack ready (data in ${dataDir})`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`devstack stopping on ${signal}`);
    await Promise.all(servers.map((server) => server.close()));
    console.log('devstack stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Run by `npm start`: when it is gone, stop once the services it ran have
  // (they drain and flush through these servers). Standalone this does nothing.
  onParentExit(() => stop('npm start exit'));
}

main().catch((error: unknown) => {
  console.error(`devstack failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(usage);
  process.exit(1);
});
