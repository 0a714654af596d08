import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
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

  saslContract(() => ({
    saslBootstrapAddress: () => {
      if (broker.saslBootstrapAddress === undefined) throw new Error('no SASL listener');
      return broker.saslBootstrapAddress;
    },
  }));
});
