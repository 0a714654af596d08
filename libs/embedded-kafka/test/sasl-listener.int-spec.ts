import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { ByteReader } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';
import { RawKafkaClient, requestFrame, sizePrefix } from './raw-kafka-client';
import { SASL_ENABLED_MECHANISMS, SASL_USERS, saslContract } from './sasl-contract';

describe('SASL contract: embedded broker', () => {
  let dataDir: string;
  let broker: KafkaBroker;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-sasl');
    broker = await startKafkaBroker({
      port: 0,
      dataDir,
      sasl: { port: 0, mechanisms: [...SASL_ENABLED_MECHANISMS], users: SASL_USERS },
    });
  });

  afterAll(async () => {
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('answers SaslHandshake on the plain listener with ILLEGAL_SASL_STATE, as Kafka', async () => {
    const client = await RawKafkaClient.connect(broker.port);
    client.send(requestFrame(17, 1, 1, new ByteWriter().string('PLAIN').toBuffer()));
    const answer = await client.response();
    client.close();
    expect(answer).not.toBe('closed');
    if (answer === 'closed') return;
    const reader = new ByteReader(answer.body);
    expect([reader.int16(), reader.array((r) => r.string())]).toEqual([34, []]);
  });

  it('closes an unauthenticated connection announcing more than 512 KiB', async () => {
    const client = await RawKafkaClient.connect(broker.saslPort ?? 0);
    client.send(sizePrefix(512 * 1024 + 1));
    expect(await client.response()).toBe('closed');
  });

  it('lists the SASL APIs in ApiVersions', async () => {
    const client = await RawKafkaClient.connect(broker.saslPort ?? 0);
    client.send(requestFrame(18, 0, 1));
    const answer = await client.response();
    client.close();
    expect(answer).not.toBe('closed');
    if (answer === 'closed') return;
    const reader = new ByteReader(answer.body);
    reader.int16();
    const apis = reader.array((r) => [r.int16(), r.int16(), r.int16()]);
    expect(apis).toEqual(
      expect.arrayContaining([
        [17, 0, 1],
        [36, 0, 1],
      ]),
    );
  });

  saslContract(() => ({
    saslBootstrapAddress: () => {
      if (broker.saslBootstrapAddress === undefined) throw new Error('no SASL listener');
      return broker.saslBootstrapAddress;
    },
  }));
});
