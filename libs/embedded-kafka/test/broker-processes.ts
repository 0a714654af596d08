import { startDevstackProcess, type DevstackProcess } from '../../../test/support/devstack-process';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';

export interface BrokerProcess {
  readonly process: DevstackProcess;
  readonly bootstrapAddress: string;
}

export interface BrokerProcesses {
  /** Starts the broker in a process of its own (as a user does), for a test to SIGKILL. */
  start(): Promise<BrokerProcess>;
}

/**
 * Broker processes on one data folder for the crash tests of a `describe` block, so that a
 * restart recovers what the killed process wrote; whatever is still running is SIGKILLed
 * and the folder removed after the block.
 */
export function brokerProcesses(dataDirPrefix: string): BrokerProcesses {
  let dataDir: string | undefined;
  const processes: DevstackProcess[] = [];

  beforeAll(async () => {
    dataDir = await makeTempDir(dataDirPrefix);
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop('SIGKILL')));
    if (dataDir !== undefined) await removeTempDir(dataDir);
  });

  return {
    async start() {
      if (dataDir === undefined)
        throw new Error('brokerProcesses: used outside its describe block');
      const process = await startDevstackProcess({ dataDir, kafkaPort: 0 });
      processes.push(process);
      return { process, bootstrapAddress: process.kafkaBootstrapAddress ?? '' };
    },
  };
}
