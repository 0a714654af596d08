import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { adminContract } from './admin-contract';
import { kafkajsContract } from './kafkajs-contract';
import { transactionsContract } from './transactions-contract';

describe('kafkajs contract: embedded broker', () => {
  let dataDir: string;
  let broker: KafkaBroker;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-contract');
    broker = await startKafkaBroker({ port: 0, dataDir, transactionAbortIntervalMs: 1_000 });
  });

  afterAll(async () => {
    await broker.close();
    await removeTempDir(dataDir);
  });

  kafkajsContract(() => ({
    bootstrapAddress: () => broker.bootstrapAddress,
    restart: async () => {
      const port = broker.port;
      await broker.close();
      broker = await startKafkaBroker({ port, dataDir, transactionAbortIntervalMs: 1_000 });
    },
  }));
  adminContract(() => ({
    bootstrapAddress: () => broker.bootstrapAddress,
    restart: async () => undefined,
  }));
  transactionsContract(() => ({
    bootstrapAddress: () => broker.bootstrapAddress,
    restart: async () => undefined,
  }));
});
