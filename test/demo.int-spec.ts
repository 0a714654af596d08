import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expectedStageCounts } from '../tools/demo-candidates';
import { DEMO_INTERVIEW_KINDS, DEMO_INTERVIEWERS, DEMO_JOBS } from '../tools/demo-organization';
import { SERVICES } from '../tools/services';
import { eventually } from './support/eventually';
import { freePlatformPorts, killLeftovers, startPlatform } from './support/platform-process';
import { makeTempDir, removeTempDir } from './support/temp-dir';
import { bearer } from './support/tokens';

afterAll(killLeftovers);

const repositoryRoot = join(__dirname, '..');
/** The whole demo organization, as `npm run demo` seeds it by default. */
const CANDIDATES = 60;

interface DemoRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run -s demo -- ARGS` in its own process group, killed with it if it outlives `timeoutMs`. */
async function npmRunDemo(args: readonly string[], timeoutMs: number): Promise<DemoRun> {
  const child = spawn('npm', ['run', '-s', 'demo', '--', ...args], {
    cwd: repositoryRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

it('`npm run demo` seeds a started platform through its APIs, with candidates in every stage, and a second run adds nothing', async () => {
  const dataDir = await makeTempDir('demo');
  const ports = await freePlatformPorts();
  const start = startPlatform({ dataDir, ports, via: 'node' });
  const url = (name: string) => `http://127.0.0.1:${ports[name]}`;
  const args = [
    ...SERVICES.flatMap((service) => [`--${service.name}-url`, url(service.name)]),
    '--mailbox-url',
    url('mailbox'),
    '--kafka-brokers',
    `127.0.0.1:${ports.kafka}`,
  ];
  const authorization = await bearer('demo-test', ['recruiter', 'coordinator']);
  const get = async <T>(service: string, path: string): Promise<T> => {
    const response = await fetch(`${url(service)}${path}`, { headers: { authorization } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const demoJobCandidates = async (): Promise<{ id: string; stage: string }[]> => {
    const listed: { id: string; stage: string }[] = [];
    for (const job of DEMO_JOBS) {
      const { items } = await get<{ items: { id: string; stage: string }[] }>(
        'candidates',
        `/candidates?jobId=${job.jobId}&limit=200`,
      );
      listed.push(...items);
    }
    return listed;
  };
  /** The number of candidates of the demo jobs in each stage, from the candidate list. */
  const stageCounts = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const { stage } of await demoJobCandidates()) counts[stage] = (counts[stage] ?? 0) + 1;
    return counts;
  };
  /**
   * The events people's requests made on the demo candidates' streams (the
   * services' own reactions and the screening provider's results, actors with
   * the `system` role, may still come in), read through their histories.
   */
  const requestedEvents = async (): Promise<number> => {
    let count = 0;
    for (const { id } of await demoJobCandidates()) {
      const { events } = await get<{ events: { actor: { role: string } }[] }>(
        'candidates',
        `/candidates/${id}/history`,
      );
      count += events.filter((event) => event.actor.role !== 'system').length;
    }
    return count;
  };
  const expected = expectedStageCounts(CANDIDATES);
  try {
    await start.waitForLine('hirestream is ready', 90_000);

    const first = await npmRunDemo(args, 150_000);
    expect(first.stderr).not.toContain('stopped short');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${CANDIDATES} candidates (${CANDIDATES} added, 0 there already)`,
    );
    // What to open: every service's docs, the mailbox, a candidate's history, a kcat command.
    for (const service of SERVICES) expect(first.stdout).toContain(`${url(service.name)}/docs`);
    expect(first.stdout).toContain(url('mailbox'));
    expect(first.stdout).toContain(
      `kcat -b 127.0.0.1:${ports.kafka} -t hirestream.candidates.events`,
    );
    const historyPath = /\/candidates\/[0-9a-f-]{36}\/history/.exec(first.stdout)?.[0];
    expect(historyPath).toBeDefined();
    const history = await get<unknown>('candidates', historyPath!);
    expect(JSON.stringify(history)).toContain('CandidateHired');

    expect(Object.keys(expected).sort()).toEqual([
      'applied',
      'background-check',
      'hired',
      'interviewing',
      'offer',
      'rejected',
      'screening',
      'withdrawn',
    ]);
    await eventually('the candidate list to show every demo candidate in its stage', async () => {
      const counts = await stageCounts();
      return isDeepStrictEqual(counts, expected) ? counts : undefined;
    });
    for (const person of DEMO_INTERVIEWERS) {
      const now = new Date();
      const calendar = await get<{ availability: { timeZone: string } | null }>(
        'scheduling',
        `/interviewers/${person.interviewerId}/calendar?from=${now.toISOString()}&to=${new Date(now.getTime() + 86_400_000).toISOString()}`,
      );
      expect(calendar.availability?.timeZone).toBe(person.timeZone);
    }
    const kitVersions = async () => {
      const versions: number[] = [];
      for (const job of DEMO_JOBS) {
        for (const kind of DEMO_INTERVIEW_KINDS) {
          const kit = await get<{ version: number }>(
            'assessment',
            `/jobs/${job.jobId}/interview-kits/${kind}`,
          );
          versions.push(kit.version);
        }
      }
      return versions;
    };
    expect(await kitVersions()).toEqual(DEMO_JOBS.flatMap(() => DEMO_INTERVIEW_KINDS.map(() => 1)));

    const events = await requestedEvents();
    const second = await npmRunDemo(args, 60_000);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `${CANDIDATES} candidates (0 added, ${CANDIDATES} there already)`,
    );
    expect(second.stdout).toContain(`${DEMO_INTERVIEWERS.length} interviewers (0 set now)`);
    expect(second.stdout).toContain('(0 published now)');
    expect(await stageCounts()).toEqual(expected);
    expect(await requestedEvents()).toBe(events);
    expect(await kitVersions()).toEqual(DEMO_JOBS.flatMap(() => DEMO_INTERVIEW_KINDS.map(() => 1)));
  } finally {
    start.launcher.kill('SIGINT');
    await start.exited.finally(() => removeTempDir(dataDir));
  }
}, 300_000);
