import { parseArgs } from 'node:util';
import { parseCount } from './command-line-values';
import { DemoClient, RECRUITER, type ServiceName } from './demo-client';
import {
  demoCandidate,
  registeredDemoCandidates,
  runScenario,
  scenarioStage,
} from './demo-candidates';
import {
  DEMO_INTERVIEW_KINDS,
  DEMO_INTERVIEWERS,
  DEMO_JOBS,
  seedInterviewers,
  seedInterviewKits,
} from './demo-organization';
import { SERVICES } from './services';

/*
 * `npm run demo`: seeds a demo organization into a running `npm start`
 * through the services' public HTTP APIs only, with development tokens.
 * Everything it makes is found again by a fixed id, a job and kind, or a
 * candidate's deterministic email, so running it again adds nothing twice.
 */

export interface DemoOptions {
  readonly urls: Readonly<Record<ServiceName, string>>;
  readonly mailboxUrl: string;
  readonly kafkaBrokers: string;
  readonly candidates: number;
  /** Candidates seeded at the same time. */
  readonly concurrency: number;
}

export interface DemoReport {
  readonly candidatesAdded: number;
  readonly candidatesFound: number;
  readonly interviewersSet: number;
  readonly kitsPublished: number;
  /** The demo candidates' ids, by number. */
  readonly candidateIds: ReadonlyMap<number, string>;
  readonly failures: readonly string[];
}

/** Progress as seeding goes: `done` of `total` steps, and what is being done. */
export type DemoProgress = (done: number, total: number, what: string) => void;

export async function runDemo(options: DemoOptions, progress: DemoProgress): Promise<DemoReport> {
  const client = new DemoClient(options.urls);
  const total =
    DEMO_INTERVIEWERS.length + DEMO_JOBS.length * DEMO_INTERVIEW_KINDS.length + options.candidates;
  let done = 0;
  const step = (what: string) => () => progress(++done, total, what);
  progress(0, total, 'interviewers');
  const interviewersSet = await seedInterviewers(client, step('interviewers'));
  const kitsPublished = await seedInterviewKits(client, step('interview kits and rubrics'));

  const candidateIds = new Map(await registeredDemoCandidates(client, options.candidates));
  const registered = new Map(candidateIds);
  let candidatesAdded = 0;
  const failures: string[] = [];
  const pending = Array.from({ length: options.candidates }, (_, i) => i + 1);
  const worker = async () => {
    for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
      const candidate = demoCandidate(n);
      try {
        const { id, added } = await runScenario(client, candidate, registered.get(n));
        candidateIds.set(n, id);
        if (added) candidatesAdded += 1;
      } catch (error) {
        failures.push(
          `${candidate.email} (${candidate.scenario}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      step('candidates')();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    candidatesAdded,
    candidatesFound: registered.size,
    interviewersSet,
    kitsPublished,
    candidateIds,
    failures,
  };
}

/** How many of the given candidates are in each stage now, read through the candidates API. */
export async function stagesOf(
  urls: Readonly<Record<ServiceName, string>>,
  ids: Iterable<string>,
): Promise<Record<string, number>> {
  const client = new DemoClient(urls);
  const counts: Record<string, number> = {};
  for (const id of ids) {
    const { stage } = await client.get<{ stage: string }>(
      'candidates',
      `/candidates/${id}`,
      RECRUITER,
    );
    counts[stage] = (counts[stage] ?? 0) + 1;
  }
  return counts;
}

const usage = `Usage: npm run demo -- [--candidates N] [--concurrency N] [--SERVICE-url URL] [--mailbox-url URL] [--kafka-brokers HOST:PORT]
Seeds a demo organization into a running \`npm start\` through the services' APIs; running it again adds nothing twice.
  --candidates N        how many demo candidates (60)
  --concurrency N       candidates seeded at the same time (6)
  --SERVICE-url URL     a service's base URL (${SERVICES.map((s) => `--${s.name}-url`).join(', ')}; http://127.0.0.1:<its port>)
  --mailbox-url URL     the mailbox page (http://127.0.0.1:3091)
  --kafka-brokers B     for the kcat command printed at the end (127.0.0.1:9092)`;

function progressBar(): DemoProgress & { end(): void } {
  const terminal = process.stderr.isTTY === true;
  let lastWhat = '';
  const draw: DemoProgress = (done, total, what) => {
    if (!terminal) {
      if (what !== lastWhat) process.stderr.write(`seeding ${what}…\n`);
      lastWhat = what;
      return;
    }
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${what.padEnd(26)}`,
    );
  };
  return Object.assign(draw, {
    end: () => {
      if (terminal) process.stderr.write('\n');
    },
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      candidates: { type: 'string' },
      concurrency: { type: 'string' },
      'mailbox-url': { type: 'string' },
      'kafka-brokers': { type: 'string' },
      help: { type: 'boolean', default: false },
      ...Object.fromEntries(
        SERVICES.map((service) => [`${service.name}-url`, { type: 'string' as const }]),
      ),
    },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  const flag = (name: string) => {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const urls = Object.fromEntries(
    SERVICES.map((service) => [
      service.name,
      (flag(`${service.name}-url`) ?? `http://127.0.0.1:${service.port}`).replace(/\/+$/, ''),
    ]),
  ) as Record<ServiceName, string>;
  const options: DemoOptions = {
    urls,
    mailboxUrl: flag('mailbox-url') ?? 'http://127.0.0.1:3091',
    kafkaBrokers: flag('kafka-brokers') ?? '127.0.0.1:9092',
    candidates: parseCount('--candidates', flag('candidates')) ?? 60,
    concurrency: Math.max(1, parseCount('--concurrency', flag('concurrency')) ?? 6),
  };
  for (const service of SERVICES) {
    const ready = await fetch(`${urls[service.name]}/health/ready`).catch(() => undefined);
    if (ready?.ok !== true) {
      throw new Error(
        `${service.name} is not ready at ${urls[service.name]}: start the platform first (npm start), or pass --${service.name}-url`,
      );
    }
  }
  const started = Date.now();
  const bar = progressBar();
  const report = await runDemo(options, bar);
  bar.end();
  const stages = await stagesOf(urls, report.candidateIds.values());
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const hired = [...report.candidateIds].find(
    ([n]) => scenarioStage(demoCandidate(n).scenario) === 'hired',
  );
  const shown = hired?.[1] ?? report.candidateIds.values().next().value;
  console.log(
    `Demo organization seeded in ${seconds} s: ${report.candidateIds.size} candidates (${report.candidatesAdded} added, ${report.candidatesFound} there already), ` +
      `${DEMO_INTERVIEWERS.length} interviewers (${report.interviewersSet} set now), ` +
      `${DEMO_JOBS.length * DEMO_INTERVIEW_KINDS.length} interview kits (${report.kitsPublished} published now) for ${DEMO_JOBS.map((job) => job.jobId).join(', ')}`,
  );
  console.log(
    `  by stage: ${Object.entries(stages)
      .map(([stage, count]) => `${stage} ${count}`)
      .join(', ')}`,
  );
  console.log('\nOpen:');
  for (const service of SERVICES) {
    console.log(`  ${service.name.padEnd(18)} ${urls[service.name]}/docs`);
  }
  console.log(`  ${'mailbox'.padEnd(18)} ${options.mailboxUrl}`);
  if (shown !== undefined) {
    console.log(`  a candidate's history (GET, with a recruiter token):
    ${urls.candidates}/candidates/${shown}/history
    curl -s ${urls.candidates}/candidates/${shown}/history -H "authorization: Bearer $(npm run -s token -- --role recruiter --sub alice)"`);
  }
  console.log(`  the candidates' events as they happen:
    kcat -b ${options.kafkaBrokers} -t hirestream.candidates.events -C -f '%k %h %s\\n'`);
  if (report.failures.length > 0) {
    console.error(
      `\n${report.failures.length} candidate(s) stopped short (running it again carries on from where each stopped):`,
    );
    for (const failure of report.failures) console.error(`  ${failure}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
