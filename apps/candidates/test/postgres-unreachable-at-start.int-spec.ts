import { waitUntil } from '../../../libs/embedded-kafka/test/wait-until';
import {
  postgresRefusedCheck,
  useCandidatesOnOwnPostgres,
} from './support/candidates-on-own-postgres';

// A DATABASE_URL naming a server that is not there (yet) does not stop the
// service: it starts, reports not ready naming PostgreSQL and why, answers 503
// where it needs PostgreSQL (the read models, and a new candidate's data key,
// kept there), and builds its read models once the server answers.

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

  it('answers the list, and a registration (its personal data needs a key), with a 503 problem', async () => {
    const { response } = await service.list(JOB);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ title: 'The read-model store is unavailable' });
    const refused = await service.register('Katherine Early', JOB);
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ title: 'The read-model store is unavailable' });
  });

  it('builds the list once PostgreSQL answers, with what is registered then, and is ready', async () => {
    await service.postgres().start();
    let created: Awaited<ReturnType<typeof service.register>> | undefined;
    await waitUntil(
      'a registration is taken',
      async () => (created = await service.register('Katherine Early', JOB)).statusCode === 201,
      BUILD_TIMEOUT_MS,
    );
    registered = created!.json<{ id: string }>().id;
    let ids: string[] = [];
    await waitUntil(
      'the list shows the candidate registered once PostgreSQL answered',
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
