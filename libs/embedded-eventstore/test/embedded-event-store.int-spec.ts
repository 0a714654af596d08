import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { batchAppendContract } from './batch-append-contract';
import { eventStoreContract } from './event-store-contract';
import { persistentSubscriptionsContract } from './persistent-subscriptions-contract';

describe('EventStoreDB contract: embedded server', () => {
  let dataDir: string;
  let server: EventStoreServer;

  beforeAll(async () => {
    dataDir = await makeTempDir('eventstore-contract');
    server = await startEventStoreServer({ port: 0, dataDir, batchAppend: true });
  });
  afterAll(async () => {
    await server.close();
    await removeTempDir(dataDir);
  });

  eventStoreContract(() => server.connectionString);
  describe('persistent subscriptions', () =>
    persistentSubscriptionsContract(() => server.connectionString));
  batchAppendContract(() => server.connectionString);
});
