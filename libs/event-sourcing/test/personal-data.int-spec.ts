import { EventStoreDBClient } from '@eventstore/db-client';
import {
  hirestreamEventCatalog,
  type CandidateRegistered,
  type CandidateStageChanged,
  type Command,
} from '@hirestream/contracts';
import { startEventStoreServer, type EventStoreServer } from '@hirestream/embedded-eventstore';
import {
  dataKeyId,
  ERASED_VALUE,
  LocalKeyEncryptionKey,
  PersonalDataErasedError,
  PersonalDataVault,
  PostgresDataKeyStore,
} from '@hirestream/personal-data';
import { runWithCorrelation } from '@hirestream/platform';
import { ReadModelDatabase } from '@hirestream/read-models';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase } from '../../../test/support/shared-postgres';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import {
  CommandGateway,
  EventSerializer,
  EventStore,
  EventStoreIdempotencyStore,
  InvalidEventError,
  ProcessRunner,
  readSnapshot,
  verifyStream,
  type Aggregate,
  type Decider,
  type Process,
} from '../src';
import { testContext } from './support/embedded-store';

type Profile = Readonly<{ fullName: string | null; stage: string }>;
type ProfileEvent = CandidateRegistered | CandidateStageChanged;
type Touch = Command<'Touch', { candidateId: string }>;
type Register = Command<'Register', { candidateId: string; otherCandidateId: string }>;
type Move = Command<'Move', { candidateId: string; to: 'screening' | 'applied' }>;

/** Folds a candidate's name and stage, with a snapshot every 3 events. */
const profile: Decider<Profile, Touch, ProfileEvent> = {
  initialState: () => ({ fullName: null, stage: 'none' }),
  evolve: (state, event) =>
    event.type === 'CandidateRegistered'
      ? { ...state, fullName: event.data.fullName, stage: 'applied' }
      : { ...state, stage: event.data.to },
  decide: () => [],
  eventTypes: new Set(['CandidateRegistered', 'CandidateStageChanged']),
  snapshots: {
    name: 'profile',
    version: 1,
    every: 3,
    serialize: (state) => state,
    deserialize: (stored) => stored as Profile,
  },
};

const NAME = 'Grace Brewster Hopper';
const EMAIL = 'grace.hopper@example.org';
const PHONE = '+44 20 7946 0958';

let dataDir: string;
let server: EventStoreServer;
let client: EventStoreDBClient;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: ReadModelDatabase;
let vault: PersonalDataVault;
let store: EventStore;

beforeAll(async () => {
  dataDir = await makeTempDir('personal-data');
  server = await startEventStoreServer({ port: 0, dataDir: join(dataDir, 'es') });
  client = EventStoreDBClient.connectionString`${server.connectionString}`;
  database = await createTestDatabase();
  db = new ReadModelDatabase(database.url, 'tests');
  vault = new PersonalDataVault(
    hirestreamEventCatalog,
    new PostgresDataKeyStore(db, new LocalKeyEncryptionKey(randomBytes(32))),
  );
  store = new EventStore(client, new EventSerializer(hirestreamEventCatalog, vault));
});

afterAll(async () => {
  await client?.dispose();
  await server?.close();
  await db?.close();
  await database?.drop();
  await removeTempDir(dataDir);
});

/** A registered candidate's stream, moved through `moves` stages after registering. */
async function registered(moves = 0) {
  const candidateId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  const stages = ['screening', 'interviewing', 'offer', 'hired'] as const;
  const events: ProfileEvent[] = [
    facts.registered({ fullName: NAME, email: EMAIL, phone: PHONE }),
    ...stages
      .slice(0, moves)
      .map((to, index) => facts.moved(index === 0 ? 'applied' : stages[index - 1], to)),
  ];
  const streamName = `candidate-${candidateId}`;
  await store.append(streamName, events, undefined, testContext);
  return { candidateId, streamName, keyId: dataKeyId('candidate', candidateId) };
}

async function storedText(streamName: string): Promise<string> {
  const texts: string[] = [];
  for await (const resolved of client.readStream(streamName)) {
    texts.push(JSON.stringify(resolved.event?.data), JSON.stringify(resolved.event?.metadata));
  }
  return texts.join('\n');
}

describe('personal data through the event store', () => {
  it('stores the personal values sealed, reads them back plain, and the hash chain covers what is stored', async () => {
    const { streamName, keyId } = await registered(1);
    const stored = await storedText(streamName);
    expect(stored).not.toContain(NAME);
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain(PHONE);
    expect(stored).toContain(`"kid":"${keyId}"`);

    const { events } = await store.readStream<ProfileEvent>(streamName);
    expect(events[0].event.data).toMatchObject({ fullName: NAME, email: EMAIL });
    expect(events[0].personalData).toEqual({ keyIds: [keyId], erasedPaths: [] });
    expect(events[1].personalData).toBeUndefined();
    expect((await verifyStream(client, streamName)).firstBreak).toBeUndefined();
  });

  it('after the key is erased, reads the values as erased, still replays, and the chain still verifies', async () => {
    const { streamName, keyId } = await registered(2);
    await vault.erase([keyId]);
    const { events } = await store.readStream<ProfileEvent>(streamName);
    expect(events).toHaveLength(3);
    expect(events[0].event.data).toMatchObject({
      fullName: ERASED_VALUE,
      email: ERASED_VALUE,
      phone: ERASED_VALUE,
      jobId: 'job-1',
    });
    expect(events[0].personalData?.erasedPaths).toEqual(['/fullName', '/email', '/phone']);
    expect((await verifyStream(client, streamName)).firstBreak).toBeUndefined();
    await expect(
      store.append(
        streamName,
        [candidateStreamFacts(keyId.slice(10)).registered()],
        2n,
        testContext,
      ),
    ).rejects.toBeInstanceOf(PersonalDataErasedError);
  });

  it('refuses an event its contract refuses before any key is made for it', async () => {
    const candidateId = randomUUID();
    const invalid = candidateStreamFacts(candidateId).registered({ email: 'not an e-mail' });
    await expect(
      store.append(`candidate-${candidateId}`, [invalid], undefined, testContext),
    ).rejects.toBeInstanceOf(InvalidEventError);
    const { rows } = await db.query('select 1 from personal_data.data_keys where key_id = $1', [
      dataKeyId('candidate', candidateId),
    ]);
    expect(rows).toHaveLength(0);
  });

  it('keeps snapshots sealed, and once the key is erased ignores them and folds the erased values', async () => {
    const { streamName, keyId } = await registered(3);
    const cold = () =>
      new CommandGateway(
        store,
        { name: 'profile', decider: profile, streamOf: () => streamName },
        { cacheSize: 0 },
      );
    const first = cold();
    expect((await first.load(streamName)).state).toEqual({ fullName: NAME, stage: 'offer' });
    await first.snapshotsWritten();
    const snapshot = await readSnapshot(client, 'profile', streamName);
    expect(snapshot?.keyIds).toEqual([keyId]);
    expect(await storedText(`snapshot-profile-${streamName}`)).not.toContain(NAME);
    expect((await cold().load(streamName)).state).toEqual({ fullName: NAME, stage: 'offer' });

    const kept = cold();
    const warm = new CommandGateway(
      store,
      { name: 'profile', decider: profile, streamOf: () => streamName },
      { cacheSize: 10 },
    );
    expect((await warm.load(streamName)).state.fullName).toBe(NAME);
    // A load from the kept state reads no event, yet notes whose personal values it holds.
    const personalDataKeys = new Set<string>();
    await runWithCorrelation({ correlationId: randomUUID(), personalDataKeys }, () =>
      warm.load(streamName),
    );
    expect([...personalDataKeys]).toEqual([keyId]);
    await vault.erase([keyId]);
    expect((await kept.load(streamName)).state).toEqual({ fullName: ERASED_VALUE, stage: 'offer' });
    expect((await warm.load(streamName)).state.fullName).toBe(ERASED_VALUE);
  });

  it('seals a stored response under the subjects the request touched; once erased a repeat learns it is gone', async () => {
    const idempotency = new EventStoreIdempotencyStore(client, 60_000, vault);
    const scopedKey = randomUUID();
    const personalDataKeys = new Set<string>();
    const ids = { correlationId: randomUUID(), personalDataKeys };
    const { streamName, keyId } = await runWithCorrelation(ids, async () => {
      await idempotency.reserve(scopedKey, 'f', new Date());
      const candidate = await registered();
      await idempotency.complete(scopedKey, {
        headers: { location: `/candidates/${candidate.candidateId}` },
        body: { fullName: NAME, email: EMAIL },
      });
      return candidate;
    });
    expect([...personalDataKeys]).toEqual([keyId]);
    expect(await storedText(`idempotency-${scopedKey}`)).not.toContain(NAME);
    expect(await idempotency.reserve(scopedKey, 'f', new Date())).toMatchObject({
      outcome: 'completed',
      response: { body: { fullName: NAME, email: EMAIL } },
    });
    expect(streamName).toContain(keyId.slice('candidate:'.length));
    await vault.erase([keyId]);
    expect(await idempotency.reserve(scopedKey, 'f', new Date())).toMatchObject({
      outcome: 'completed',
      response: { erased: true, body: null },
    });
  });
});

describe('a process whose decision holds personal data of an erased subject', () => {
  // The decision registers the candidate again (personal values); before it is recorded,
  // another candidate's stream is moved, and moved back should recording fail.
  const registrations: Aggregate<null, Register, CandidateRegistered> = {
    name: 'registration',
    streamOf: (command) => `candidate-${command.data.candidateId}`,
    decider: {
      initialState: () => null,
      evolve: (state) => state,
      decide: (command) =>
        candidateStreamFacts(command.data.candidateId).registered({ fullName: NAME, email: EMAIL }),
    },
  };
  const moves: Aggregate<null, Move, CandidateStageChanged> = {
    name: 'move',
    streamOf: (command) => `candidate-${command.data.candidateId}`,
    decider: {
      initialState: () => null,
      evolve: (state) => state,
      decide: (command) =>
        candidateStreamFacts(command.data.candidateId).moved(
          command.data.to === 'screening' ? 'applied' : 'screening',
          command.data.to,
        ),
    },
  };
  const registering: Process<null, Register, CandidateRegistered, Move> = {
    name: 'registering',
    plan: (_decision, command) => ({
      before: [
        {
          command: {
            type: 'Move',
            data: { candidateId: command.data.otherCandidateId, to: 'screening' },
          },
          undo: {
            type: 'Move',
            data: { candidateId: command.data.otherCandidateId, to: 'applied' },
          },
        },
      ],
      after: [],
    }),
  };

  it('is refused before any other stream is written', async () => {
    const erased = await registered();
    const other = await registered();
    await vault.erase([erased.keyId]);
    const runner = new ProcessRunner(
      registering,
      new CommandGateway(store, registrations),
      new CommandGateway(store, moves),
    );
    const before = (await store.readStream(other.streamName)).events.length;
    await expect(
      runner.run(
        {
          type: 'Register',
          data: { candidateId: erased.candidateId, otherCandidateId: other.candidateId },
        },
        testContext,
      ),
    ).rejects.toBeInstanceOf(PersonalDataErasedError);
    expect((await store.readStream(other.streamName)).events).toHaveLength(before);
  });
});
