import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { TYPESCRIPT_NODE_ARGS } from '../../tools/typescript-runtime';
import { makeTempDir, removeTempDir } from './temp-dir';

const repositoryRoot = join(__dirname, '..', '..');

export interface DevstackProcess {
  readonly child: ChildProcess;
  /** `esdb://…` connection string, when the event store was started. */
  readonly eventStoreConnectionString?: string;
  /** `host:port` bootstrap address, when the broker was started. */
  readonly kafkaBootstrapAddress?: string;
  /** `postgres://…` connection string (the development user and password), when PostgreSQL was started. */
  readonly postgresConnectionString?: string;
  /** Sends the signal and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface DevstackProcessOptions {
  readonly dataDir: string;
  readonly eventStorePort?: number;
  readonly kafkaPort?: number;
  readonly postgresPort?: number;
  readonly extraArgs?: readonly string[];
  readonly readyTimeoutMs?: number;
}

/** Starts `npm run devstack` the way a user does (as a child process) and waits for its ready line. */
export async function startDevstackProcess(
  options: DevstackProcessOptions,
): Promise<DevstackProcess> {
  const args = [
    ...TYPESCRIPT_NODE_ARGS,
    join(repositoryRoot, 'tools', 'devstack.ts'),
    '--data-dir',
    options.dataDir,
  ];
  if (options.eventStorePort !== undefined)
    args.push('--eventstore-port', String(options.eventStorePort));
  if (options.kafkaPort !== undefined) args.push('--kafka-port', String(options.kafkaPort));
  if (options.postgresPort !== undefined)
    args.push('--postgres-port', String(options.postgresPort));
  args.push(...(options.extraArgs ?? []));
  const child = spawn(process.execPath, args, {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = once(child, 'exit');

  let eventStoreConnectionString: string | undefined;
  let kafkaBootstrapAddress: string | undefined;
  let postgresConnectionString: string | undefined;
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `devstack not ready after ${options.readyTimeoutMs ?? 30_000} ms: ${stderr.join('')}`,
          ),
        ),
      options.readyTimeoutMs ?? 30_000,
    );
    lines.on('line', (line) => {
      const eventStore = /^eventstore ready on (\S+)/.exec(line);
      if (eventStore) eventStoreConnectionString = eventStore[1];
      const kafka = /^kafka ready on (\S+)/.exec(line);
      if (kafka) kafkaBootstrapAddress = kafka[1];
      const postgres = /^postgres ready on (\S+)/.exec(line);
      if (postgres) postgresConnectionString = postgres[1];
      if (line.startsWith('devstack ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`devstack exited with ${String(code)} before ready: ${stderr.join('')}`));
    });
  });
  await ready;

  return {
    child,
    eventStoreConnectionString,
    kafkaBootstrapAddress,
    postgresConnectionString,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

export interface DevstackProcesses {
  /** The data folder every start shares, so a restart recovers what a killed process wrote. */
  dataDir(): string;
  /** Starts the servers in a process of their own (as a user does), for a test to SIGKILL. */
  start(): Promise<DevstackProcess>;
}

/**
 * Devstack processes on one data folder for the crash tests of a `describe` block; whatever
 * is still running is SIGKILLed and the folder removed after the block.
 */
export function devstackProcesses(
  dataDirPrefix: string,
  options: Omit<DevstackProcessOptions, 'dataDir'>,
): DevstackProcesses {
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
      throw new Error('devstackProcesses: used outside its describe block');
    return dataDir;
  };
  return {
    dataDir: folder,
    async start() {
      const process = await startDevstackProcess({ ...options, dataDir: folder() });
      processes.push(process);
      return process;
    },
  };
}
