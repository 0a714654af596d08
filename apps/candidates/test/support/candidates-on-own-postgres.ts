import { useServiceApp, type ServiceApp } from '@hirestream/testing';
import {
  restartablePostgres,
  type RestartablePostgres,
} from '../../../../test/support/restartable-postgres';

type Response = Awaited<ReturnType<ServiceApp['inject']>>;

export type Readiness = {
  status: 'up' | 'down';
  checks: { name: string; status: 'up' | 'down'; error?: string }[];
};

/** A readiness check as the service reports it while its PostgreSQL refuses connections. */
export const postgresRefusedCheck = (): unknown =>
  expect.objectContaining({
    name: 'postgres',
    status: 'down',
    error: expect.stringMatching(/^the read-model store is unavailable \(.*ECONNREFUSED.*\)/),
  });

export type CandidatesOnOwnPostgres = Readonly<{
  api: Readonly<ServiceApp>;
  /** The spec's own PostgreSQL server, to stop and start. */
  postgres(): RestartablePostgres;
  register(fullName: string, jobId: string): Promise<Response>;
  /** GET /candidates?jobId=…, and the ids it lists when it answers 200. */
  list(jobId: string): Promise<{ response: Response; ids: string[] }>;
  ready(): Promise<{ response: Response; report: Readiness }>;
  /** Closes the service in the test, not in the harness's afterAll, so a shutdown that hangs fails that test. */
  close(): Promise<void>;
}>;

/**
 * The candidates service in this process (through the harness) on an embedded
 * PostgreSQL server of the spec's own, started before the service or not
 * (`startPostgres`). Call at the top level of a spec file.
 */
export function useCandidatesOnOwnPostgres(
  name: string,
  options: Readonly<{ startPostgres: boolean }>,
): CandidatesOnOwnPostgres {
  // Filled in before the harness reads it: this beforeAll is declared first.
  const env: Record<string, string> = { LOG_LEVEL: 'error' };
  let postgres: RestartablePostgres | undefined;
  beforeAll(async () => {
    postgres = await restartablePostgres(name);
    if (options.startPostgres) await postgres.start();
    env.DATABASE_URL = postgres.connectionString;
  });
  const api = useServiceApp('candidates', { env });
  afterAll(async () => {
    await postgres?.remove();
  });
  return {
    api,
    postgres() {
      if (postgres === undefined) throw new Error(`${name}: PostgreSQL is not set up yet`);
      return postgres;
    },
    register: (fullName, jobId) =>
      api.inject({
        method: 'POST',
        url: '/candidates',
        as: 'recruiter',
        payload: {
          fullName,
          email: 'candidate@example.org',
          phone: '+44 20 7946 0958',
          jobId,
          source: 'referral',
          resumeRef: 'resumes/candidate.pdf',
        },
      }),
    async list(jobId) {
      const response = await api.inject({
        method: 'GET',
        url: `/candidates?jobId=${jobId}`,
        as: 'recruiter',
      });
      const ids =
        response.statusCode === 200
          ? response.json<{ items: { id: string }[] }>().items.map((item) => item.id)
          : [];
      return { response, ids };
    },
    async ready() {
      const response = await api.inject({ method: 'GET', url: '/health/ready' });
      return { response, report: response.json<Readiness>() };
    },
    async close() {
      const { app } = api;
      (api as { app?: ServiceApp['app'] }).app = undefined;
      await app.close();
    },
  };
}
