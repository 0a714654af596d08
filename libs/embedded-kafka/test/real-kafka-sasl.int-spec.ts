import { Kafka, logLevel } from 'kafkajs';
import { createServer } from 'node:net';
import {
  GenericContainer,
  getContainerRuntimeClient,
  StartedTestContainer,
  Wait,
} from 'testcontainers';
import { describeWithDocker } from '../../../test/support/describe-with-docker';
import { SASL_ENABLED_MECHANISMS, SASL_USERS, saslContract } from './sasl-contract';

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.7.1';
/** Inside the container: the brokers' own listener (PLAINTEXT, for kafka-configs), the controller's, the SASL one. */
const BROKER_PORT = 9092;
const CONTROLLER_PORT = 9094;
const SASL_PORT = 9095;
const LISTENER = 'AUTHENTICATED';

/** A free port on this machine: Kafka must advertise the SASL listener's host port before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * cp-kafka in KRaft mode with a SASL_PLAINTEXT listener enabling PLAIN (users in
 * the listener's JAAS config) and SCRAM-SHA-512 (credentials added through the
 * broker's own listener once it runs), for the same users as the embedded broker.
 * The listener is not named SASL_*: cp-kafka's start script would then ask for
 * a JAAS file in KAFKA_OPTS, which the listener's own JAAS config replaces.
 */
async function startSaslKafka(): Promise<{ container: StartedTestContainer; address: string }> {
  const { info } = await getContainerRuntimeClient();
  const host = info.containerRuntime.host;
  const hostPort = await freePort();
  const plainUsers = SASL_USERS.map(({ username, password }) => `user_${username}="${password}"`);
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts({ container: SASL_PORT, host: hostPort })
    .withEnvironment({
      CLUSTER_ID: '4L6g3nShT-eMCtK--X86sw',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: `1@localhost:${CONTROLLER_PORT}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENERS: `BROKER://0.0.0.0:${BROKER_PORT},CONTROLLER://0.0.0.0:${CONTROLLER_PORT},${LISTENER}://0.0.0.0:${SASL_PORT}`,
      KAFKA_ADVERTISED_LISTENERS: `BROKER://localhost:${BROKER_PORT},${LISTENER}://${host}:${hostPort}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: `BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT,${LISTENER}:SASL_PLAINTEXT`,
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_SASL_ENABLED_MECHANISMS: SASL_ENABLED_MECHANISMS.join(','),
      [`KAFKA_LISTENER_NAME_${LISTENER}_PLAIN_SASL_JAAS_CONFIG`]: `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers.join(' ')};`,
      // A literal '-' in the name passes through cp-kafka's variable-to-property mapping.
      [`KAFKA_LISTENER_NAME_${LISTENER}_SCRAM-SHA-512_SASL_JAAS_CONFIG`]:
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_CONFLUENT_SUPPORT_METRICS_ENABLE: 'false',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(180_000)
    .start();
  for (const { username, password } of SASL_USERS) {
    const { exitCode, output } = await container.exec([
      'kafka-configs',
      '--bootstrap-server',
      `localhost:${BROKER_PORT}`,
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      username,
      '--add-config',
      `SCRAM-SHA-512=[iterations=4096,password=${password}]`,
    ]);
    if (exitCode !== 0) throw new Error(`kafka-configs for ${username} failed: ${output}`);
  }
  const address = `${host}:${hostPort}`;
  await untilScramWorks(address);
  return { container, address };
}

/** The credentials reach the broker through the metadata log a moment after kafka-configs returns. */
async function untilScramWorks(address: string): Promise<void> {
  const [user] = SASL_USERS;
  for (let attempt = 0; ; attempt++) {
    const admin = new Kafka({
      brokers: [address],
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'scram-sha-512', ...user },
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      return;
    } catch (error) {
      if (attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await admin.disconnect();
    }
  }
}

describeWithDocker('SASL contract: real Kafka (testcontainers)', () => {
  let started: { container: StartedTestContainer; address: string } | undefined;

  beforeAll(async () => {
    started = await startSaslKafka();
  }, 240_000);

  afterAll(async () => {
    await started?.container.stop();
  });

  saslContract(() => ({
    saslBootstrapAddress: () => {
      if (started === undefined) throw new Error('the container did not start');
      return started.address;
    },
  }));
});
