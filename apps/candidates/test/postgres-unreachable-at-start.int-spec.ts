import { waitUntil } from '../../../libs/embedded-kafka/test/wait-until';
import {
  postgresRefusedCheck,
  useCandidatesOnOwnPostgres,
} from './support/candidates-on-own-postgres';

// A DATABASE_URL naming a server that is not there (yet) does not stop the
// service: it starts, takes commands, reports not ready naming PostgreSQL and
// why, and builds its read models once the server answers.

const JOB = 'job-late-postgres-1';
const BUILD_TIMEOUT_MS = 30_000;
/** Far beyond a normal shutdown (well under a second): only a hang reaches it. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

const service = useCandidatesOnOwnPostgres('candidates-late-postgres', { startPostgres: false });

describe('the candidates service started while PostgreSQL cannot be reached', () => {
  let registered: string;

  it('starts and reports not ready, naming PostgreSQL and why, and the list as not built', async () => {
    const { response, report } = await service.ready();
    expect(response.statusCode).toBe(503);
    expect(report.checks).toContainEqual(postgresRefusedCheck());
    expect(report.checks).toContainEqual(
      expect.objectContaining({ name: 'candidate-list', status: 'down' }),
    );
  });

  it('answers the list with a 503 problem and takes commands', async () => {
    const { response } = await service.list(JOB);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ title: 'The read-model store is unavailable' });
    const created = await service.register('Katherine Early', JOB);
    expect(created.statusCode).toBe(201);
    registered = created.json<{ id: string }>().id;
  });

  it('builds the list once PostgreSQL answers, with what was registered meanwhile, and is ready', async () => {
    await service.postgres().start();
    let ids: string[] = [];
    await waitUntil(
      'the list shows the candidate registered before PostgreSQL answered',
      async () => {
        ids = (await service.list(JOB)).ids;
        return ids.includes(registered);
      },
      BUILD_TIMEOUT_MS,
    );
    expect(ids).toEqual([registered]);
    await waitUntil(
      'the service is ready',
      async () => (await service.ready()).response.statusCode === 200,
      BUILD_TIMEOUT_MS,
    );
  });

  it('shuts down, closing every connection', () => service.close(), SHUTDOWN_TIMEOUT_MS);
});
