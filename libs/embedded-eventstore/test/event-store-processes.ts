import { EventStoreDBClient } from '@eventstore/db-client';
import { devstackProcesses, type DevstackProcess } from '../../../test/support/devstack-process';

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

/** Event store processes on one data folder for the crash tests of a `describe` block. */
export function eventStoreProcesses(dataDirPrefix: string): EventStoreProcesses {
  const processes = devstackProcesses(dataDirPrefix, { eventStorePort: 0 });
  return {
    dataDir: processes.dataDir,
    async start() {
      const process = await processes.start();
      return {
        process,
        client: EventStoreDBClient.connectionString(process.eventStoreConnectionString ?? ''),
      };
    },
  };
}
