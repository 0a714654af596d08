import { Client } from 'pg';
import { useEmbeddedStore } from '../../event-sourcing/test/support/embedded-store';
import { describeEachPostgres } from '../../../test/support/postgres-targets';
import {
  killTypeScriptProcesses,
  startTypeScriptProcess,
} from '../../../test/support/typescript-process';
import { tallyCatalog } from './support/tally-projection';

const SERVICE = 'libs/read-models/test/support/migration-service-process.ts';
const SCHEMA = 'migration_tests';
const START_TIMEOUT_MS = 30_000;
const BROKEN =
  'the migrations of projection broken-list v1 failed: column "missing" referenced in foreign key constraint does not exist';

describeEachPostgres('a projection whose migration fails', (target) => {
  const eventStore = useEmbeddedStore('migration-failure', tallyCatalog.contracts);

  afterAll(async () => {
    await killTypeScriptProcesses();
  });

  const start = (projections: string) =>
    startTypeScriptProcess(SERVICE, {
      PROJECTIONS: projections,
      DATABASE_URL: target.connectionString(),
      EVENTSTORE_CONNECTION_STRING: eventStore.connectionString,
      AUTH_MODE: 'development',
      LOG_LEVEL: 'info',
    });

  async function sql<R>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: target.connectionString() });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as R[];
    } finally {
      await client.end();
    }
  }
  const schemaState = async () => ({
    tables: (
      await sql<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = $1 order by 1`,
        [SCHEMA],
      )
    ).map((row) => row.table_name),
    builds: await sql(`select * from "${SCHEMA}".projection_builds order by name`),
  });

  /** Starts the service with `projections`; what it printed as it failed. */
  async function failedStart(projections: string): Promise<string[]> {
    const service = start(projections);
    const { code } = await service.exited;
    expect(code).toBe(1);
    return [...service.lines];
  }

  it('stops the service at start, naming the projection and the SQL error, and creates nothing', async () => {
    const printed = await failedStart('broken-list');
    const fatal = printed
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.level === 'fatal');
    expect(fatal).toMatchObject({ service: 'migration-tests', msg: `startup failed: ${BROKEN}` });
    expect(
      await sql(`select 1 from information_schema.schemata where schema_name = $1`, [SCHEMA]),
    ).toEqual([]);
  });

  it('leaves the service’s existing projections as they were', async () => {
    const good = start('good-list');
    await good.waitForLine(/listening on/, START_TIMEOUT_MS);
    good.child.kill('SIGTERM');
    await good.exited;
    const before = await schemaState();
    expect(before.tables).toEqual([
      'good_list_v1_g1_items',
      'good_list_v1_g1_tags',
      'projection_builds',
    ]);

    const printed = await failedStart('good-list,broken-list');
    expect(printed.join('\n')).toContain(`startup failed: ${BROKEN.replaceAll('"', '\\"')}`);
    expect(await schemaState()).toEqual(before);
  });
});
