import { useEmbeddedStore } from '../../event-sourcing/test/support/embedded-store';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import { ProjectionBuilds, ReadModelDatabase } from '../src';
import {
  applicationsOf,
  TALLY_SERVICE,
  tallyCatalog,
  tallyProjection,
  tallyRunner,
  TallyWriter,
} from './support/tally-projection';

const STREAMS = 10;

describeEachPostgres('a projection runner restarted', (target) => {
  const eventStore = useEmbeddedStore('projection-resume', tallyCatalog.contracts);
  let db: ReadModelDatabase;
  let writer: TallyWriter;

  beforeAll(() => {
    db = new ReadModelDatabase(target.connectionString(), TALLY_SERVICE);
    writer = new TallyWriter(eventStore.store, STREAMS);
  });

  afterAll(async () => {
    await db?.close();
  });

  async function appendTicks(count: number): Promise<string[]> {
    const written: string[] = [];
    for (let i = 0; i < count; i += 1) written.push(...(await writer.append(1)));
    return written.sort();
  }

  /** Runs the projection as `appliedBy` until it has caught up, then stops it as a shutdown does. */
  async function runUntilCaughtUp(appliedBy: string): Promise<void> {
    let caughtUp!: () => void;
    const whenCaughtUp = new Promise<void>((resolve) => (caughtUp = resolve));
    const runner = tallyRunner({
      definition: tallyProjection(appliedBy),
      db,
      client: eventStore.client,
      maxBatchSize: 50,
      onCaughtUp: () => caughtUp(),
    });
    runner.start();
    try {
      await whenCaughtUp;
    } finally {
      await runner.stop();
    }
  }

  const tally = tallyProjection('reader');
  const build = async () =>
    (await new ProjectionBuilds(db).ofVersion(tally.name, tally.version))[0];
  const appliedBy = async (run: string) =>
    (await applicationsOf(db, tally))
      .filter((application) => application.appliedBy === run)
      .map((application) => application.event)
      .sort();

  it('applies on restart only what was appended since its checkpoint', async () => {
    const before = await appendTicks(300);
    await runUntilCaughtUp('first run');
    expect(await build()).toMatchObject({ generation: 1, status: 'live', eventsApplied: 300n });
    expect(await appliedBy('first run')).toEqual(before);

    const since = await appendTicks(120);
    await runUntilCaughtUp('second run');
    expect(await build()).toMatchObject({ generation: 1, status: 'live', eventsApplied: 420n });
    expect(await appliedBy('second run')).toEqual(since);
    expect(await appliedBy('first run')).toEqual(before);
  });

  it('applies nothing on a restart with nothing new, and keeps its checkpoint', async () => {
    const { checkpoint } = await build();
    await runUntilCaughtUp('idle run');
    expect(await appliedBy('idle run')).toEqual([]);
    expect(await build()).toMatchObject({ eventsApplied: 420n, checkpoint });
  });
});
