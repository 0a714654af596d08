import { mkdirSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { KafkaBrokerOptions, resolveBrokerOptions, ResolvedBrokerOptions } from './broker-options';
import { GroupCoordinator } from './groups/group-coordinator';
import { BrokerContext } from './handlers/broker-context';
import { SaslMechanisms, saslMechanisms } from './sasl/sasl-mechanisms';
import { BrokerConnection, ConnectionListener } from './server/broker-connection';
import { FlushScheduler } from './storage/flush-scheduler';
import { OffsetStore } from './storage/offset-store';
import { ProducerIdAllocator } from './storage/producer-id-allocator';
import { partitionLogOptions } from './storage/topic-configs';
import { TopicStore } from './storage/topic-store';
import { TransactionCoordinator } from './transactions/transaction-coordinator';
import { TransactionLog } from './transactions/transaction-log';

export interface KafkaBroker {
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  /** `advertisedHost:port`, what clients use as bootstrap server. */
  readonly bootstrapAddress: string;
  /** The SASL_PLAINTEXT listener's port, when `sasl` was given. */
  readonly saslPort?: number;
  /** `advertisedHost:saslPort`, the bootstrap server of SASL clients, when `sasl` was given. */
  readonly saslBootstrapAddress?: string;
  /** Stops accepting, ends connections (and their long polls), and closes the files. */
  close(): Promise<void>;
}

const NODE_ID = 0;
const CLUSTER_ID = 'hirestream-embedded-kafka';

/** Opens (recovering) the data dir and starts a single-node Kafka-compatible broker. */
export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<KafkaBroker> {
  const resolved = resolveBrokerOptions(options);
  mkdirSync(resolved.dataDir, { recursive: true });
  const flusher = new FlushScheduler();
  const topics = new TopicStore(
    resolved.dataDir,
    (configs) => partitionLogOptions(resolved, configs),
    flusher,
  );
  const offsets = new OffsetStore(resolved.dataDir, flusher);
  const producerIds = new ProducerIdAllocator(resolved.dataDir);
  const transactionLog = new TransactionLog(resolved.dataDir, flusher);
  const transactions = new TransactionCoordinator(transactionLog, topics, offsets, producerIds, {
    maxTimeoutMs: resolved.transactionMaxTimeoutMs,
  });
  // Transactions a crash left between their prepare record and their markers are finished first.
  await transactions.recover();
  const endpoint = { nodeId: NODE_ID, host: resolved.advertisedHost, port: resolved.port };
  const context: BrokerContext = {
    options: resolved,
    endpoint,
    clusterId: CLUSTER_ID,
    topics,
    offsets,
    groups: new GroupCoordinator(resolved.initialRebalanceDelayMs),
    producerIds,
    transactions,
  };

  const connections = new Set<BrokerConnection>();
  // Kafka's max.connections counts every listener's connections together.
  const listenerServer = (listener: ConnectionListener): Server =>
    createServer((socket: Socket) => {
      // As Kafka's max.connections: the newcomer is refused, the open ones are left alone.
      if (connections.size >= resolved.maxConnections) {
        socket.destroy();
        return;
      }
      const connection = new BrokerConnection(socket, context, listener);
      connections.add(connection);
      socket.on('close', () => connections.delete(connection));
    });
  const server = listenerServer({ endpoint });
  const port = await listen(server, resolved.port, resolved.host);
  endpoint.port = port;
  const sasl = await startSaslListener(resolved.sasl, resolved.host, listenerServer, {
    nodeId: NODE_ID,
    host: resolved.advertisedHost,
  }).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    topics.close();
    offsets.close();
    throw error;
  });

  const applyRetention = (): void => {
    for (const topic of topics.all()) {
      for (const partition of topic.partitions) partition.applyRetention(Date.now());
    }
  };
  // Always running: topics may set their own retention (AlterConfigs) without a broker-wide one.
  const retentionTimer = setInterval(applyRetention, resolved.retentionCheckIntervalMs);
  retentionTimer.unref();
  const transactionTimer = setInterval(() => {
    transactions
      .abortTimedOut(Date.now())
      .catch((error: unknown) =>
        resolved.logError(
          `embedded-kafka: aborting timed-out transactions failed: ${String(error)}`,
        ),
      );
  }, resolved.transactionAbortIntervalMs);
  transactionTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    port,
    bootstrapAddress: `${resolved.advertisedHost}:${port}`,
    ...(sasl === undefined
      ? {}
      : {
          saslPort: sasl.port,
          saslBootstrapAddress: `${resolved.advertisedHost}:${sasl.port}`,
        }),
    close() {
      closing ??= (async () => {
        clearInterval(retentionTimer);
        clearInterval(transactionTimer);
        const stopped = Promise.all(
          [server, ...(sasl === undefined ? [] : [sasl.server])].map(
            (listening) => new Promise<void>((resolve) => listening.close(() => resolve())),
          ),
        );
        for (const connection of connections) connection.close();
        context.groups.shutdown();
        await stopped;
        await transactions.drain();
        await flusher.drain();
        topics.close();
        offsets.close();
        transactionLog.close();
      })();
      return closing;
    },
  };
}

/** The SASL_PLAINTEXT listener: its own port, advertised to the clients that connect to it. */
async function startSaslListener(
  options: ResolvedBrokerOptions['sasl'],
  host: string,
  listenerServer: (listener: ConnectionListener) => Server,
  advertised: { nodeId: number; host: string },
): Promise<{ server: Server; port: number } | undefined> {
  if (options === undefined) return undefined;
  const mechanisms: SaslMechanisms = await saslMechanisms(options);
  const endpoint = { ...advertised, port: options.port };
  const server = listenerServer({ endpoint, sasl: mechanisms });
  endpoint.port = await listen(server, options.port, host);
  return { server, port: endpoint.port };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
