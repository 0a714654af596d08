import { EventStoreDBClient } from '@eventstore/db-client';
import { startDevstackProcess, type DevstackProcess } from '../../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';

export interface EventStoreProcess {
  readonly process: DevstackProcess;
  readonly client: EventStoreDBClient;
}

export interface EventStoreProcesses {
  /** The data folder every start shares, so a restart recovers what the killed process wrote. */
  dataDir(): string;
  /** Starts the event store in a process of its own, for a test to SIGKILL. */
  start(): Promise<EventStoreProcess>;
}

/**
 * Event store processes on one data folder for the crash tests of a `describe` block; whatever
 * is still running is SIGKILLed and the folder removed after the block.
 */
export function eventStoreProcesses(dataDirPrefix: string): EventStoreProcesses {
  let dataDir: string | undefined;
  const processes: DevstackProcess[] = [];

  beforeAll(async () => {
    dataDir = await makeTempDir(dataDirPrefix);
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop('SIGKILL')));
    if (dataDir !== undefined) await removeTempDir(dataDir);
  });

  const folder = (): string => {
    if (dataDir === undefined)
      throw new Error('eventStoreProcesses: used outside its describe block');
    return dataDir;
  };
  return {
    dataDir: folder,
    async start() {
      const process = await startDevstackProcess({ dataDir: folder(), eventStorePort: 0 });
      processes.push(process);
      return {
        process,
        client: EventStoreDBClient.connectionString(process.eventStoreConnectionString ?? ''),
      };
    },
  };
}
