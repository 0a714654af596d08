import { EventStoreDBClient } from '@eventstore/db-client';
import { ConfigValidationError, loadConfig } from '@hirestream/platform';
import {
  ProjectionBuilds,
  projectionLag,
  ReadModelConfig,
  ReadModelDatabase,
  ReadModelUnavailableError,
  schemasWithProjections,
  sqlName,
  type ProjectionBuild,
  type ProjectionLag,
  answeredWithin,
} from '@hirestream/read-models';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { CommandError } from './command-error';
import { formatDuration, RebuildProgress } from './rebuild-progress';
import { formatTable } from './text-table';

// Shows the state of every projection in the database and rebuilds one without
// downtime. It knows no projection's code: a rebuild is asked for in the
// database, and the service running the projection builds it. Run by
// `npm run projections` and `hirestream projections`.

/** Output as JSON (stdout) with the human lines on stderr, or human lines on stdout. */
export type ProjectionsOutput = Readonly<{ json: boolean }>;

/** Events counted at most per build when measuring its lag. */
const LAG_COUNT_LIMIT = 10_000;
const EVENTSTORE_TIMEOUT_MS = 5_000;
const POLL_MS = 500;
/** How long a rebuild may stay behind without progress before the user is told where to look. */
const NO_PROGRESS_HINT_MS = 60_000;
const TABLES_DROPPED_WAIT_MS = 15_000;

/** A connection string fit to print: without its password. */
export function withoutPassword(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:?#]*):[^/@?#]*@/i, '$1@')
    .replace(/([?&]password=)[^&]*/i, '$1…');
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Located = Readonly<{ service: string; build: ProjectionBuild }>;

/** Every service schema of the database with projection builds, read through the library. */
class ProjectionDatabase {
  private constructor(
    private readonly url: string,
    private readonly services: ReadonlyMap<string, ProjectionBuilds>,
    private readonly databases: readonly ReadModelDatabase[],
  ) {}

  /** Runs `work` on the database at `url`, then closes it; a lost connection is explained. */
  static async using<R>(
    url: string,
    work: (database: ProjectionDatabase) => Promise<R>,
  ): Promise<R> {
    const database = await ProjectionDatabase.open(url);
    try {
      return await work(database);
    } catch (error) {
      if (!(error instanceof ReadModelUnavailableError)) throw error;
      throw new CommandError(
        `lost PostgreSQL at ${database.where} (DATABASE_URL): ${error.message}`,
      );
    } finally {
      await database.close();
    }
  }

  private static async open(url: string): Promise<ProjectionDatabase> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    let schemas: string[];
    try {
      await client.connect();
      schemas = await schemasWithProjections(client);
    } catch (error) {
      throw new CommandError(
        `cannot reach PostgreSQL at ${withoutPassword(url)} (DATABASE_URL): ${reasonOf(error)}`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    const databases = schemas.map((schema) => new ReadModelDatabase(url, schema));
    return new ProjectionDatabase(
      url,
      new Map(databases.map((db) => [db.schema, new ProjectionBuilds(db)])),
      databases,
    );
  }

  get where(): string {
    return withoutPassword(this.url);
  }

  /** Every build that is not retired, service by service. */
  async all(): Promise<Located[]> {
    const located: Located[] = [];
    for (const [service, builds] of this.services) {
      for (const build of await builds.all()) located.push({ service, build });
    }
    return located;
  }

  buildsOf(service: string): ProjectionBuilds {
    const builds = this.services.get(service);
    if (builds === undefined) throw new Error(`no service ${service}`);
    return builds;
  }

  /** The service and projection `NAME` or `SERVICE/NAME` means, or an error naming those there are. */
  async find(argument: string): Promise<{ service: string; name: string }> {
    const [service, name] = argument.includes('/')
      ? (argument.split('/', 2) as [string, string])
      : [undefined, argument];
    const known = [
      ...new Set((await this.all()).map(({ service, build }) => `${service}/${build.name}`)),
    ];
    const matches = known.filter((label) => {
      const [knownService, knownName] = label.split('/');
      return (
        knownName === name && (service === undefined || knownService === sqlNameOrNone(service))
      );
    });
    if (matches.length === 1) {
      const [matchedService, matchedName] = matches[0].split('/');
      return { service: matchedService, name: matchedName };
    }
    if (matches.length > 1) {
      throw new CommandError(
        `several services have a projection named ${name}: ${matches.join(', ')}; say which (SERVICE/NAME)`,
      );
    }
    throw new CommandError(
      known.length === 0
        ? `no projection named ${argument}: the database at ${this.where} has no projections yet (a service creates its projections when it starts)`
        : `no projection named ${argument} in the database at ${this.where}; the projections there: ${known.join(', ')}`,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.databases.map((db) => db.close()));
  }
}

function sqlNameOrNone(service: string): string | undefined {
  try {
    return sqlName(service);
  } catch {
    return undefined;
  }
}

/** The lag of each build, or why it could not be measured. */
async function lagsOf(
  connectionString: string,
  builds: readonly Located[],
): Promise<{ lags: (ProjectionLag | undefined)[]; failure?: string }> {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    return { lags: [], failure: reasonOf(error) };
  }
  try {
    const lags: (ProjectionLag | undefined)[] = [];
    for (const { build } of builds) {
      lags.push(
        await answeredWithin(
          projectionLag(client, build, LAG_COUNT_LIMIT),
          EVENTSTORE_TIMEOUT_MS,
          'counting the lag in EventStoreDB',
        ),
      );
    }
    return { lags };
  } catch (error) {
    return { lags: [], failure: reasonOf(error) };
  } finally {
    void client.dispose().catch(() => undefined);
  }
}

function formatLagEvents(lag: ProjectionLag | undefined): string {
  if (lag === undefined) return '?';
  return lag.more ? `${lag.events}+` : String(lag.events);
}

function formatLagSeconds(lag: ProjectionLag | undefined): string {
  if (lag === undefined) return '?';
  return lag.seconds < 10 ? lag.seconds.toFixed(1) : String(Math.round(lag.seconds));
}

/** Every projection's build and lag; 1 when the lag could not be measured. */
export async function projectionsStatus(output: ProjectionsOutput): Promise<number> {
  const config = loadProjectionsConfig();
  return ProjectionDatabase.using(config.DATABASE_URL, async (database) => {
    const builds = await database.all();
    if (builds.length === 0) {
      if (output.json) console.log(JSON.stringify({ projections: [] }));
      console[output.json ? 'error' : 'log'](
        `no projections in the database at ${database.where} yet: a service creates its projections when it starts`,
      );
      return 0;
    }
    const { lags, failure } = await lagsOf(config.EVENTSTORE_CONNECTION_STRING, builds);
    const header = [
      'PROJECTION',
      'VERSION',
      'GENERATION',
      'STATUS',
      'CHECKPOINT',
      'APPLIED',
      'LAG (EVENTS)',
      'LAG (S)',
    ];
    const rows = builds.map(({ service, build }, index) => [
      `${service}/${build.name}`,
      String(build.version),
      String(build.generation),
      build.status,
      build.checkpoint?.commit.toString() ?? '-',
      build.eventsApplied.toString(),
      formatLagEvents(lags[index]),
      formatLagSeconds(lags[index]),
    ]);
    if (output.json) {
      console.log(
        JSON.stringify(
          { projections: builds.map((located, index) => buildJson(located, lags[index])) },
          null,
          2,
        ),
      );
    } else {
      console.log(formatTable([header, ...rows]));
    }
    if (!output.json && failure === undefined && lags.some((lag) => lag === undefined)) {
      console.log(
        '?: unknown until the service running the projection has started with this release',
      );
    }
    if (failure !== undefined) {
      console.error(
        `lag unknown: cannot reach EventStoreDB at ${withoutPassword(config.EVENTSTORE_CONNECTION_STRING)} (EVENTSTORE_CONNECTION_STRING): ${failure}`,
      );
      return 1;
    }
    return 0;
  });
}

/** What `--json` prints of a build: its fields, with positions and counts as decimal strings. */
function buildJson({ service, build }: Located, lag: ProjectionLag | undefined) {
  return {
    service,
    name: build.name,
    version: build.version,
    generation: build.generation,
    status: build.status,
    checkpoint: build.checkpoint?.commit.toString() ?? null,
    eventsApplied: build.eventsApplied.toString(),
    lag: lag === undefined ? null : { events: lag.events, more: lag.more, seconds: lag.seconds },
  };
}

/**
 * Rebuilds a projection (`NAME` or `SERVICE/NAME`) from the start beside the serving
 * one and follows it until it is live (0) or retired before that (1).
 */
export async function rebuildProjection(
  argument: string,
  output: ProjectionsOutput,
): Promise<number> {
  const config = loadProjectionsConfig();
  const say = output.json ? console.error : console.log;
  process.once('SIGINT', () => {
    say('\nstopped following; the rebuild goes on in the service (projections status)');
    process.exit(130);
  });
  return ProjectionDatabase.using(config.DATABASE_URL, async (database) => {
    const { service, name } = await database.find(argument);
    const builds = database.buildsOf(service);
    const all = (await builds.all()).filter((build) => build.name === name);
    const version = Math.max(...all.map((build) => build.version));
    const label = `${service}/${name} v${version}`;
    const serving = all.find((b) => b.version === version && b.status === 'live');
    if (serving !== undefined && serving.selection === undefined) {
      throw new CommandError(
        `${label}: the service running it predates rebuilds; restart it with this release first`,
      );
    }
    const { build, requested } = await builds.requestRebuild(name, version);
    if (requested) {
      say(
        `${label}: rebuilding from the start into generation ${build.generation}; generation ${serving?.generation} serves meanwhile`,
      );
    } else if (serving !== undefined) {
      say(
        `${label}: a rebuild into generation ${build.generation} is under way already; following it`,
      );
    } else {
      say(
        `${label}: this version is being built for the first time (generation ${build.generation}); following it`,
      );
    }
    // What the new generation must reach: all the live build of the version has applied (or,
    // for a version's first build, about what the version before it applied).
    const reference = serving ?? all.find((b) => b.status === 'live' && b.version < version);
    return follow(builds, build, reference, { service, name, label }, output);
  });
}

/** Shows a build's progress until it is live (0), or is retired before that (1). */
async function follow(
  builds: ProjectionBuilds,
  target: ProjectionBuild,
  reference: ProjectionBuild | undefined,
  { service, name, label }: Readonly<{ service: string; name: string; label: string }>,
  output: ProjectionsOutput,
): Promise<number> {
  const say = output.json ? console.error : console.log;
  const outcome = (status: 'live' | 'retired') => {
    if (output.json) {
      console.log(
        JSON.stringify({
          service,
          name,
          version: target.version,
          generation: target.generation,
          status,
          seconds: (Date.now() - started) / 1000,
        }),
      );
    }
  };
  const progress = new RebuildProgress(
    output.json ? process.stderr : process.stdout,
    reference?.version === target.version,
  );
  const started = Date.now();
  let waitingSaid = false;
  let stuckSaid = false;
  let lastMove = { applied: -1n, at: Date.now() };
  for (;;) {
    const current = await builds.one(target);
    const referenceNow = reference === undefined ? undefined : await builds.one(reference);
    if (current === undefined || current.status === 'retired') {
      progress.end();
      console.error(
        `${label}: generation ${target.generation} was retired before it went live (a newer version replaced it?)`,
      );
      outcome('retired');
      return 1;
    }
    if (current.status === 'requested') {
      if (!waitingSaid && Date.now() - started > 5_000) {
        say(
          `${label}: waiting for the service that runs this projection to start the rebuild (is it running?)`,
        );
        waitingSaid = true;
      }
    } else if (current.status === 'building') {
      progress.show(current.eventsApplied, referenceNow?.eventsApplied);
      if (current.eventsApplied !== lastMove.applied) {
        lastMove = { applied: current.eventsApplied, at: Date.now() };
      } else if (!stuckSaid && Date.now() - lastMove.at > NO_PROGRESS_HINT_MS) {
        progress.end();
        say(
          `${label}: no progress for ${NO_PROGRESS_HINT_MS / 1000} s; the service's logs and /health/ready name an event that keeps failing`,
        );
        stuckSaid = true;
      }
    } else {
      progress.finish(current.eventsApplied);
      const replaced = reference?.version === target.version ? reference : undefined;
      say(
        `${label}: generation ${target.generation} is live after ${formatDuration(Date.now() - started)}`,
      );
      if (replaced !== undefined) await reportDropped(builds, replaced, label, say);
      outcome('live');
      return 0;
    }
    await sleep(POLL_MS);
  }
}

/** Waits a little for the replaced generation's tables to go, and says how it went. */
async function reportDropped(
  builds: ProjectionBuilds,
  replaced: ProjectionBuild,
  label: string,
  say: (line: string) => void,
): Promise<void> {
  const deadline = Date.now() + TABLES_DROPPED_WAIT_MS;
  for (;;) {
    const left = await builds.tablesLeft(replaced);
    if (left.length === 0) {
      say(`${label}: generation ${replaced.generation} retired, its tables dropped`);
      return;
    }
    if (Date.now() > deadline) {
      say(
        `${label}: generation ${replaced.generation} retired; its tables (${left.join(', ')}) are dropped once the reads using them end`,
      );
      return;
    }
    await sleep(POLL_MS);
  }
}

function loadProjectionsConfig(): ReadModelConfig {
  try {
    // Only the two variables this command uses are read; AUTH_MODE is required of services only.
    return loadConfig(ReadModelConfig, {
      AUTH_MODE: 'development',
      DATABASE_URL: process.env.DATABASE_URL,
      EVENTSTORE_CONNECTION_STRING: process.env.EVENTSTORE_CONNECTION_STRING,
    });
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new CommandError(error.message);
    throw error;
  }
}
