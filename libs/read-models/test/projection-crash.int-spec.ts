import { setTimeout as sleep } from 'node:timers/promises';
import { useEmbeddedStore } from '../../event-sourcing/test/support/embedded-store';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import {
  killTypeScriptProcesses,
  startTypeScriptProcess,
} from '../../../test/support/typescript-process';
import { ProjectionBuilds, ReadModelDatabase } from '../src';
import {
  appliedTwice,
  applicationsOf,
  storedTicks,
  TALLY_SERVICE,
  tallyCatalog,
  tallyProjection,
  TallyWriter,
} from './support/tally-projection';

const RUNNER = 'libs/read-models/test/support/tally-runner-process.ts';
const KILLS = 4;
/** Batches run N commits before it holds one open and is killed: none, one or two. */
const committedBatches = (run: number) => run % 3;
const STREAMS = 12;
const START_TIMEOUT_MS = 30_000;

/** Appends 1 to 4 ticks at a time, a few milliseconds apart, until stopped. */
function appendUntilStopped(writer: TallyWriter): { stop(): Promise<void> } {
  let stopped = false;
  const done = (async () => {
    for (let round = 0; !stopped; round += 1) {
      await writer.append(1 + (round % 4));
      await sleep(5);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
    },
  };
}

describeEachPostgres('a projection runner SIGKILLed mid-batch', (target) => {
  const eventStore = useEmbeddedStore('projection-crash', tallyCatalog.contracts);
  let db: ReadModelDatabase;

  beforeAll(() => {
    db = new ReadModelDatabase(target.connectionString(), TALLY_SERVICE);
  });

  afterAll(async () => {
    await killTypeScriptProcesses();
    await db?.close();
  });

  it('applies every event exactly once, however often its process is killed under load', async () => {
    const env = {
      DATABASE_URL: target.connectionString(),
      EVENTSTORE_CONNECTION_STRING: eventStore.connectionString,
    };
    const writer = new TallyWriter(eventStore.store, STREAMS);
    const appending = appendUntilStopped(writer);
    for (let run = 1; run <= KILLS; run += 1) {
      const runner = startTypeScriptProcess(RUNNER, {
        ...env,
        RUNNER_ID: `killed-${run}`,
        HOLD_AFTER_BATCHES: String(committedBatches(run)),
      });
      // Its batch's rows are written and the transaction is open: kill it there.
      await runner.waitForLine(/^holding$/, START_TIMEOUT_MS);
      runner.child.kill('SIGKILL');
      expect((await runner.exited).signal).toBe('SIGKILL');
    }
    await appending.stop();

    const survivor = startTypeScriptProcess(RUNNER, { ...env, RUNNER_ID: 'survivor' });
    await survivor.waitForLine(/^caught up$/, START_TIMEOUT_MS);
    survivor.child.kill('SIGTERM');
    expect((await survivor.exited).code).toBe(0);

    const definition = tallyProjection('reader');
    const applied = await applicationsOf(db, definition);
    const stored = await storedTicks(eventStore.store, writer.streamNames);
    const events = applied.map((application) => application.event);
    expect(appliedTwice(events)).toEqual({});
    expect(events.sort()).toEqual(stored.sort());
    // The runs killed after committing batches kept them; each next run resumed after them.
    const runs = new Set(applied.map((application) => application.appliedBy));
    const committing = Array.from({ length: KILLS }, (_, i) => i + 1)
      .filter((run) => committedBatches(run) > 0)
      .map((run) => `killed-${run}`);
    expect([...runs].sort()).toEqual([...committing, 'survivor']);
    const [build] = await new ProjectionBuilds(db).ofVersion(definition.name, definition.version);
    expect(build).toMatchObject({ status: 'live', eventsApplied: BigInt(stored.length) });
    expect(build.checkpoint?.commit).toBeGreaterThanOrEqual(writer.lastPosition);
  });
});
