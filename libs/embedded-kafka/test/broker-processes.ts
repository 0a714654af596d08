import { devstackProcesses, type DevstackProcess } from '../../../test/support/devstack-process';

export interface BrokerProcess {
  readonly process: DevstackProcess;
  readonly bootstrapAddress: string;
}

export interface BrokerProcesses {
  /** Starts the broker in a process of its own (as a user does), for a test to SIGKILL. */
  start(): Promise<BrokerProcess>;
}

/** Broker processes on one data folder for the crash tests of a `describe` block. */
export function brokerProcesses(dataDirPrefix: string): BrokerProcesses {
  const processes = devstackProcesses(dataDirPrefix, { kafkaPort: 0 });
  return {
    async start() {
      const process = await processes.start();
      return { process, bootstrapAddress: process.kafkaBootstrapAddress ?? '' };
    },
  };
}
