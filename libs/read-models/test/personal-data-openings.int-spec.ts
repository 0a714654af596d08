import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import { createServiceApp, ROLES, type Role } from '@hirestream/platform';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PersonalDataOpeningController, ReadModelConfig, ReadModelModule } from '../src';
import { LogCapture } from '../../platform/test/test-service.module';
import { createTestDatabase } from '../../../test/support/shared-postgres';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { bearer } from '../../../test/support/tokens';

// POST /personal-data/openings, as a service mounting the controller serves it:
// admins get a Kafka message's data opened, everyone else is refused, a bad
// body is a 400 naming the field, sealed data that does not open a 422, and
// each call is logged without the values.

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog, stateAtPoint: false }),
    ReadModelModule.forService('candidates'),
  ],
  controllers: [PersonalDataOpeningController],
})
class OpeningsModule {}

const NAME = 'Mary Jackson';
const EMAIL = 'mary.jackson@example.org';

let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let keyFolder: string | undefined;
let app: NestFastifyApplication;
const logs = new LogCapture();

beforeAll(async () => {
  database = await createTestDatabase();
  keyFolder = await makeTempDir('personal-data-openings');
  app = await createServiceApp({
    serviceName: 'candidates',
    module: OpeningsModule,
    config: ReadModelConfig,
    env: {
      AUTH_MODE: 'development',
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      PERSONAL_DATA_KEK_FILE: join(keyFolder, 'key-encryption-key'),
    },
    logDestination: logs,
    shutdownHooks: false,
  });
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (keyFolder !== undefined) await removeTempDir(keyFolder);
});

/** A registration's data as the relay publishes it (sealed by the service's vault), with its event id. */
async function publishedRegistration() {
  const candidateId = randomUUID();
  const eventId = randomUUID();
  const { data } = candidateStreamFacts(candidateId).registered({ fullName: NAME, email: EMAIL });
  const sealed = await app.get(PersonalDataVault).sealEvent('CandidateRegistered', data, eventId);
  return { candidateId, eventId, plain: data, sealed: sealed.data as Record<string, unknown> };
}

/** `bearer` of a caller acting in `role`; a candidate's token names the candidacy given. */
const callerAs = (role: Role, candidateId?: string) => bearer(`${role}-1`, [role], candidateId);

async function open(body: unknown, authorization?: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/personal-data/openings',
    headers: {
      'content-type': 'application/json',
      authorization: authorization ?? (await callerAs('admin')),
    },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
}

it('opens the data for an admin, and logs who asked, the event and the keys, never the values', async () => {
  const { candidateId, eventId, plain, sealed } = await publishedRegistration();
  const keyId = dataKeyId('candidate', candidateId);

  const answer = await open({ eventId, data: sealed });

  expect(answer).toEqual({
    status: 200,
    body: { data: plain, keyIds: [keyId], erasedPaths: [] },
  });
  expect(logs.lines).toContainEqual(
    expect.objectContaining({
      context: 'PersonalDataOpening',
      actorId: 'admin-1',
      actorRole: 'admin',
      eventId,
      keyIds: [keyId],
    }),
  );
  const logged = JSON.stringify(logs.lines);
  expect(logged).not.toContain(NAME);
  expect(logged).not.toContain(EMAIL);
});

it('reads an erased subject as [erased], naming the paths', async () => {
  const { candidateId, eventId, sealed } = await publishedRegistration();
  await app.get(PersonalDataVault).erase([dataKeyId('candidate', candidateId)]);

  const answer = await open({ eventId, data: sealed });

  expect(answer.status).toBe(200);
  expect(answer.body.data).toMatchObject({ fullName: ERASED_VALUE, email: ERASED_VALUE });
  expect(answer.body.erasedPaths).toEqual(['/fullName', '/email']);
});

it('refuses every role but admin (the candidate the data is about too), and a caller without a token', async () => {
  const { candidateId, eventId, sealed } = await publishedRegistration();
  for (const role of ROLES.filter((one) => one !== 'admin')) {
    const caller = await callerAs(role, role === 'candidate' ? candidateId : undefined);
    expect([role, (await open({ eventId, data: sealed }, caller)).status]).toEqual([role, 403]);
  }
  expect((await open({ eventId, data: sealed }, '')).status).toBe(401);
});

it.each([
  ['no event id', { data: {} }, 'eventId'],
  ['an event id that is no UUID', { eventId: 'evt-1', data: {} }, 'eventId'],
  ['no data', { eventId: randomUUID() }, 'data'],
  ['data that is not an object', { eventId: randomUUID(), data: 'sealed' }, 'data'],
  ['an unknown field', { eventId: randomUUID(), data: {}, key: 'x' }, 'key'],
  [
    'one sealed value for data',
    { eventId: randomUUID(), data: { $enc: 'v1', kid: 'candidate:x', iv: '', ct: '', tag: '' } },
    'data',
  ],
])('answers a body with %s 400, naming the field', async (_case, body, field) => {
  const answer = await open(body);
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toContainEqual(expect.objectContaining({ field }));
});

it('answers 422 for sealed data that was altered or claims another event, never the value', async () => {
  const { eventId, sealed } = await publishedRegistration();
  const email = sealed.email as Record<string, string>;
  const altered = {
    ...sealed,
    email: { ...email, ct: `${email.ct[0] === 'A' ? 'B' : 'A'}${email.ct.slice(1)}` },
  };

  for (const body of [
    { eventId, data: altered },
    { eventId: randomUUID(), data: sealed },
  ]) {
    const answer = await open(body);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      type: 'urn:hirestream:problem:unopenable-personal-data',
      title: 'The sealed personal data cannot be opened',
      detail: expect.stringMatching(
        new RegExp(
          `^personal value /(email|fullName) of event ${body.eventId} cannot be decrypted`,
        ),
      ),
    });
    expect(JSON.stringify(answer.body)).not.toContain(EMAIL);
  }
});
