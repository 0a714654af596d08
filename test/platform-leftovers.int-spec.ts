import { portProblems } from '../tools/port-check';
import { SERVICES } from '../tools/services';
import {
  freePlatformPorts,
  killLeftovers,
  type PlatformPorts,
  type PlatformProcess,
  postmasterPid,
  runningAfter,
  startPlatform,
} from './support/platform-process';
import { makeTempDir, removeTempDir } from './support/temp-dir';

// `npm start` leaves nothing behind, however it ends. Each case starts the whole
// platform on the same data folder and ports as the one before, so each also
// proves that the previous one freed them.
const READY_MS = 90_000;
// A child left alone waits at most 15 s for the services, then gets 15 s to stop.
const GONE_MS = 35_000;
const CASE_MS = READY_MS + GONE_MS + 10_000;

let dataDir: string;
let ports: PlatformPorts;

beforeAll(async () => {
  dataDir = await makeTempDir('platform-leftovers');
  ports = await freePlatformPorts();
});

afterAll(async () => {
  killLeftovers();
  await removeTempDir(dataDir);
});

/** The pids of start.ts, the processes it started, and PostgreSQL's postmaster (the devstack's child). */
async function startedAndReady(platform: PlatformProcess): Promise<number[]> {
  await platform.waitForLine('hirestream is ready', READY_MS);
  expect([...platform.pids.keys()]).toEqual([
    'hirestream',
    'devstack',
    ...SERVICES.map((s) => s.name),
  ]);
  return [...platform.pids.values(), postmasterPid(dataDir)];
}

async function expectGoneWithTheirPorts(pids: readonly number[]): Promise<void> {
  expect(await runningAfter(pids, GONE_MS)).toEqual([]);
  const planned = Object.entries(ports).map(([name, port]) => ({
    flag: `--${name}-port`,
    port,
    host: '127.0.0.1',
  }));
  expect(await portProblems(planned)).toEqual([]);
}

it(
  'a SIGKILLed start.ts: the servers and services it started stop by themselves and free their ports',
  async () => {
    const platform = startPlatform({ dataDir, ports, via: 'node' });
    const [startPid, ...children] = await startedAndReady(platform);
    platform.launcher.kill('SIGKILL');
    await expectGoneWithTheirPorts([startPid, ...children]);
  },
  CASE_MS,
);

it(
  'a SIGKILLed npm: start.ts notices and stops the services, then the servers',
  async () => {
    // Verbose: the devstack's own lines show the order things stopped in.
    const platform = startPlatform({ dataDir, ports, via: 'npm', verbose: true });
    const pids = await startedAndReady(platform);
    platform.launcher.kill('SIGKILL');
    await expectGoneWithTheirPorts(pids);
    await platform.exited;
    expect(platform.output).toContain('hirestream stopping (the process that started it is gone)');
    expect(platform.output.indexOf('[devstack] devstack stopping on SIGTERM')).toBeGreaterThan(
      platform.output.indexOf('hirestream stopping (the process that started it is gone)'),
    );
    expect(platform.output).toContain('hirestream stopped');
  },
  CASE_MS,
);

it(
  "SIGHUP to npm start's process group (a closed terminal) stops everything; meanwhile a second start on its ports names what holds them",
  async () => {
    const platform = startPlatform({ dataDir, ports, via: 'npm', ownProcessGroup: true });
    const pids = await startedAndReady(platform);

    const second = startPlatform({ dataDir, ports, via: 'node' });
    expect(await second.exited).toBe(1);
    expect(second.pids.size).toBe(0);
    expect(second.output).toContain('hirestream cannot start:');
    for (const [name, port] of Object.entries(ports)) {
      const problem = second.output.find((line) =>
        line.includes(`port ${port} (--${name}-port) is in use`),
      );
      expect(problem).toBeDefined();
      // Linux tells which process holds a port: the devstack holds the in-process servers',
      // PostgreSQL's postmaster its own, each service its own.
      if (process.platform === 'linux') {
        const isService = SERVICES.some((service) => service.name === name);
        const holder =
          name === 'postgres'
            ? postmasterPid(dataDir)
            : platform.pids.get(isService ? name : 'devstack');
        expect(problem).toContain(`by pid ${holder}: `);
      }
    }

    process.kill(-platform.launcher.pid!, 'SIGHUP');
    await expectGoneWithTheirPorts(pids);
    await platform.exited;
    expect(platform.output).toContain('hirestream stopping (SIGHUP)');
    expect(platform.output).toContain('hirestream stopped');
  },
  CASE_MS,
);

it('a start given one port for two processes says so and starts nothing', async () => {
  const second = startPlatform({
    dataDir,
    ports: { ...ports, kafka: ports.eventstore },
    via: 'node',
  });
  expect(await second.exited).toBe(1);
  expect(second.pids.size).toBe(0);
  expect(second.output).toContain(
    `  port ${ports.eventstore} is given to both --eventstore-port and --kafka-port`,
  );
});
