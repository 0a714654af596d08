import { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import { ByteReader } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';
import { kafkajsClient, unique } from './kafkajs-client';
import { describeWithKcat, runKcat } from './kcat-process';
import { RawKafkaClient, requestFrame, sizePrefix } from './raw-kafka-client';
import { waitUntil } from './wait-until';

/** A broker with a SASL_PLAINTEXT listener enabling PLAIN and SCRAM-SHA-512 for SASL_USERS. */
export interface SaslKafkaTarget {
  /** `host:port` of the SASL listener. */
  saslBootstrapAddress(): string;
}

/** The users both targets know (PLAIN from the listener's JAAS users, SCRAM-SHA-512 credentials). */
export const SASL_USERS = [
  { username: 'alice', password: 'alice-secret' },
  { username: 'bob', password: 'bob-secret' },
] as const;

/** The order the targets enable them in, as SaslHandshake lists them. */
export const SASL_ENABLED_MECHANISMS = ['PLAIN', 'SCRAM-SHA-512'] as const;

const SCRAM_FAILED =
  'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512';

const API = { Metadata: 3, SaslHandshake: 17, ApiVersions: 18, SaslAuthenticate: 36 } as const;
const ERROR = { NONE: 0, UNSUPPORTED_SASL_MECHANISM: 33, SASL_AUTHENTICATION_FAILED: 58 } as const;

const plainToken = (username: string, password: string, authzid = ''): Buffer =>
  Buffer.from(`${authzid}\0${username}\0${password}`, 'utf8');

/**
 * SASL on a broker's second listener, through kafkajs, kcat (librdkafka) and
 * raw requests: the embedded broker must give the answers a real Kafka gives.
 */
export function saslContract(getTarget: () => SaslKafkaTarget): void {
  const address = (): { host: string; port: number } => {
    const bootstrap = getTarget().saslBootstrapAddress();
    const at = bootstrap.lastIndexOf(':');
    return { host: bootstrap.slice(0, at), port: Number(bootstrap.slice(at + 1)) };
  };
  const kafka = (sasl: SASLOptions, config: Partial<KafkaConfig> = {}): Kafka =>
    kafkajsClient('sasl-contract', getTarget().saslBootstrapAddress(), 8, { sasl, ...config });
  const raw = async (): Promise<RawKafkaClient> => {
    const { host, port } = address();
    return RawKafkaClient.connect(port, host);
  };
  const [alice, bob] = SASL_USERS;

  /** Produces three messages and reads them back as a consumer group: every request authenticated. */
  const roundTrip = async (sasl: SASLOptions): Promise<string[]> => {
    const client = kafka(sasl);
    const topic = unique(`sasl-${sasl.mechanism}`);
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: ['one', 'two', 'three'].map((value) => ({ value })) });
    await producer.disconnect();
    const consumer = client.consumer({
      groupId: unique('sasl-group'),
      sessionTimeout: 6_000,
      heartbeatInterval: 300,
      maxWaitTimeInMs: 300,
    });
    const seen: string[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => void seen.push(String(message.value)),
      });
      await waitUntil('the three messages are consumed', () => seen.length >= 3);
    } finally {
      await consumer.disconnect();
    }
    return seen;
  };

  const failedConnect = async (sasl: SASLOptions): Promise<Error> => {
    const producer = kafka(sasl, { retry: { retries: 0 } }).producer();
    const error = await producer.connect().then(
      () => new Error('connected'),
      (failure: unknown) => failure as Error,
    );
    await producer.disconnect();
    return error;
  };

  describe('kafkajs', () => {
    it('produces and consumes as a group after PLAIN authentication', async () => {
      expect(await roundTrip({ mechanism: 'plain', ...alice })).toEqual(['one', 'two', 'three']);
    });

    it('produces and consumes as a group after SCRAM-SHA-512 authentication', async () => {
      expect(await roundTrip({ mechanism: 'scram-sha-512', ...bob })).toEqual([
        'one',
        'two',
        'three',
      ]);
    });

    it('refuses a wrong PLAIN password with KafkaJSSASLAuthenticationError', async () => {
      const error = await failedConnect({ mechanism: 'plain', username: 'alice', password: 'x' });
      expect(error.name).toBe('KafkaJSSASLAuthenticationError');
      expect(error.message).toBe(
        'SASL PLAIN authentication failed: Authentication failed: Invalid username or password',
      );
    });

    it('refuses a wrong SCRAM password, and an unknown user, without telling them apart', async () => {
      for (const username of ['alice', 'mallory']) {
        const error = await failedConnect({ mechanism: 'scram-sha-512', username, password: 'x' });
        expect(error.name).toBe('KafkaJSSASLAuthenticationError');
        expect(error.message).toBe(`SASL SCRAM SHA512 authentication failed: ${SCRAM_FAILED}`);
      }
    });

    it('refuses a mechanism the listener does not enable', async () => {
      const error = await failedConnect({ mechanism: 'scram-sha-256', ...alice });
      expect(error).toMatchObject({
        name: 'KafkaJSProtocolError',
        type: 'UNSUPPORTED_SASL_MECHANISM',
      });
    });
  });

  describe('raw requests', () => {
    const handshake = (correlationId: number, mechanism: string, version = 1): Buffer =>
      requestFrame(
        API.SaslHandshake,
        version,
        correlationId,
        new ByteWriter().string(mechanism).toBuffer(),
      );
    const authenticate = (correlationId: number, token: Buffer): Buffer =>
      requestFrame(
        API.SaslAuthenticate,
        1,
        correlationId,
        new ByteWriter().bytes(token).toBuffer(),
      );
    const metadata = (correlationId: number): Buffer =>
      requestFrame(API.Metadata, 1, correlationId, new ByteWriter().int32(-1).toBuffer());

    const handshakeAnswer = (body: Buffer): { errorCode: number; mechanisms: string[] } => {
      const reader = new ByteReader(body);
      return { errorCode: reader.int16(), mechanisms: reader.array((r) => r.string()) };
    };

    it('closes the connection, unanswered, on any other request before authentication', async () => {
      const client = await raw();
      client.send(metadata(1));
      expect(await client.response()).toBe('closed');
    });

    it('answers an unknown mechanism with UNSUPPORTED_SASL_MECHANISM and the enabled ones, then closes', async () => {
      const client = await raw();
      client.send(handshake(1, 'SCRAM-SHA-256'));
      const answer = await client.response();
      expect(answer).not.toBe('closed');
      if (answer === 'closed') return;
      expect(answer.correlationId).toBe(1);
      expect(handshakeAnswer(answer.body)).toEqual({
        errorCode: ERROR.UNSUPPORTED_SASL_MECHANISM,
        mechanisms: [...SASL_ENABLED_MECHANISMS],
      });
      expect(await client.response()).toBe('closed');
    });

    it('answers bad credentials with SASL_AUTHENTICATION_FAILED and its message, then closes', async () => {
      const client = await raw();
      client.send(handshake(1, 'PLAIN'));
      const handshook = await client.response();
      expect(handshook !== 'closed' && handshakeAnswer(handshook.body).errorCode).toBe(ERROR.NONE);
      client.send(authenticate(2, plainToken('alice', 'wrong')));
      const answer = await client.response();
      expect(answer).not.toBe('closed');
      if (answer === 'closed') return;
      const reader = new ByteReader(answer.body);
      expect([answer.correlationId, reader.int16(), reader.nullableString()]).toEqual([
        2,
        ERROR.SASL_AUTHENTICATION_FAILED,
        'Authentication failed: Invalid username or password',
      ]);
      expect(await client.response()).toBe('closed');
    });

    it('takes the PLAIN token as a bare frame after a v0 handshake, then serves requests', async () => {
      const client = await raw();
      client.send(handshake(1, 'PLAIN', 0));
      const handshook = await client.response();
      expect(handshook !== 'closed' && handshakeAnswer(handshook.body).errorCode).toBe(ERROR.NONE);
      const token = plainToken(alice.username, alice.password);
      client.send(Buffer.concat([sizePrefix(token.length), token]));
      // PLAIN's answer is an empty token: a size of 0 and nothing else.
      expect(await client.frame()).toEqual(Buffer.alloc(0));
      client.send(metadata(7));
      const reply = await client.response();
      expect(reply).not.toBe('closed');
      if (reply === 'closed') return;
      // Metadata sends the client back to the listener it came in on, not the plain one.
      const brokers = new ByteReader(reply.body).array((r) => ({
        nodeId: r.int32(),
        host: r.string(),
        port: r.int32(),
      }));
      expect([reply.correlationId, brokers.map((b) => b.port)]).toEqual([7, [address().port]]);
      client.close();
    });
  });

  describeWithKcat('kcat (librdkafka)', () => {
    const saslArgs = (mechanism: string, username: string, password: string): string[] => [
      '-b',
      getTarget().saslBootstrapAddress(),
      '-X',
      'security.protocol=SASL_PLAINTEXT',
      '-X',
      `sasl.mechanisms=${mechanism}`,
      '-X',
      `sasl.username=${username}`,
      '-X',
      `sasl.password=${password}`,
    ];

    it.each([
      ['SCRAM-SHA-512', bob],
      ['PLAIN', alice],
    ])('produces and consumes with %s', async (mechanism, user) => {
      const topic = unique('kcat-sasl');
      const args = saslArgs(mechanism, user.username, user.password);
      const produced = await runKcat([...args, '-t', topic, '-P'], 'first\nsecond\n');
      expect(produced).toMatchObject({ code: 0 });
      const consumed = await runKcat([
        ...args,
        '-t',
        topic,
        '-C',
        '-o',
        'beginning',
        '-e',
        '-q',
        '-f',
        '%s\n',
      ]);
      expect(consumed).toMatchObject({ code: 0, stdout: 'first\nsecond\n' });
    });

    it('fails with the authentication error on a wrong SCRAM password', async () => {
      const listed = await runKcat([...saslArgs('SCRAM-SHA-512', 'bob', 'wrong'), '-L', '-m', '5']);
      expect(listed.code).not.toBe(0);
      expect(listed.stderr).toContain(SCRAM_FAILED);
    });
  });
}
