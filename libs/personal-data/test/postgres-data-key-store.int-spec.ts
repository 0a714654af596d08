import { hirestreamEventCatalog } from '@hirestream/contracts';
import { ReadModelDatabase } from '@hirestream/read-models';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase } from '../../../test/support/shared-postgres';
import {
  dataKeyId,
  decryptPersonalData,
  encryptPersonalData,
  ERASED_VALUE,
  ERASURE_CHANNEL,
  keyIdsIn,
  LocalKeyEncryptionKey,
  PersonalDataErasedError,
  PostgresDataKeyStore,
} from '../src';

describe('data keys in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let candidatesDb: ReadModelDatabase;
  let schedulingDb: ReadModelDatabase;
  const kek = new LocalKeyEncryptionKey(randomBytes(32));
  let clock = 0;
  /** A service's store: its own pool and memory, the shared key table. */
  const storeOf = (db: ReadModelDatabase, ttlMs = 60_000) =>
    new PostgresDataKeyStore(db, kek, { ttlMs, now: () => clock });
  const candidacyKey = () => dataKeyId('candidate', randomUUID());

  beforeAll(async () => {
    database = await createTestDatabase();
    candidatesDb = new ReadModelDatabase(database.url, 'candidates');
    schedulingDb = new ReadModelDatabase(database.url, 'scheduling');
  });

  afterAll(async () => {
    await candidatesDb?.close();
    await schedulingDb?.close();
    await database?.drop();
  });

  it('gives writers racing for one new candidacy, in two services, one key', async () => {
    const keyId = candidacyKey();
    const stores = [storeOf(candidatesDb), storeOf(schedulingDb)];
    const keys = await Promise.all(
      Array.from({ length: 10 }, (_, i) => stores[i % 2].dataKeyFor(keyId)),
    );
    expect(new Set(keys.map((key) => key.secret.toString('hex'))).size).toBe(1);
    const { rows } = await candidatesDb.query(
      'select count(*)::int as rows from personal_data.data_keys where key_id = $1',
      [keyId],
    );
    expect(rows).toEqual([{ rows: 1 }]);
  });

  it('stores a key only wrapped, and fetches many at once: unknown ones as null', async () => {
    const writer = storeOf(candidatesDb);
    const ids = [candidacyKey(), candidacyKey(), candidacyKey()];
    const written = await Promise.all(ids.map((id) => writer.dataKeyFor(id)));
    const { rows } = await candidatesDb.query<{ wrapped_key: Buffer }>(
      'select wrapped_key from personal_data.data_keys where key_id = any($1::text[])',
      [ids],
    );
    for (const { secret } of written) {
      expect(rows.some(({ wrapped_key }) => wrapped_key.includes(secret))).toBe(false);
    }

    const unknown = candidacyKey();
    const fetched = await storeOf(schedulingDb).keysFor([...ids, unknown, ids[0]]);
    expect([...fetched.keys()].sort()).toEqual([...ids, unknown].sort());
    ids.forEach((id, index) => expect(fetched.get(id)?.secret).toEqual(written[index].secret));
    expect(fetched.get(unknown)).toBeNull();
  });

  describe('given a candidate registered by one service and read by another', () => {
    const candidateId = randomUUID();
    const personId = randomUUID();
    const eventId = randomUUID();
    const marking = hirestreamEventCatalog.contractOf('CandidateRegistered')!.personalData!;
    const registered = {
      candidateId,
      personId,
      fullName: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: '+44 20 7946 0958',
      jobId: 'job-7',
      source: 'referral',
      resumeRef: null,
    };
    let stored: Readonly<Record<string, unknown>>;
    let candidates: PostgresDataKeyStore;
    let scheduling: PostgresDataKeyStore;

    beforeAll(async () => {
      candidates = storeOf(candidatesDb);
      scheduling = storeOf(schedulingDb);
      const key = await candidates.dataKeyFor(dataKeyId('candidate', candidateId), personId);
      stored = encryptPersonalData(registered, marking, key, eventId);
    });

    const read = async (store: PostgresDataKeyStore) =>
      decryptPersonalData(stored, eventId, await store.keysFor(keyIdsIn(stored)));

    it('when the other service folds it, then it reads the name', async () => {
      expect((await read(scheduling)).data).toEqual(registered);
    });

    it('when the candidacy is erased, then it reads as erased at once where erased, and elsewhere once the cached key expires', async () => {
      const keyId = dataKeyId('candidate', candidateId);
      const [erased] = await candidates.erase([keyId]);
      expect(erased).toEqual({ keyId, erasedAt: expect.any(Date) });

      expect((await read(candidates)).data.fullName).toBe(ERASED_VALUE);
      expect((await read(scheduling)).data.fullName).toBe('Ada Lovelace');
      clock += 60_000;
      expect(await read(scheduling)).toMatchObject({
        data: { fullName: ERASED_VALUE, email: ERASED_VALUE, phone: ERASED_VALUE },
        erasedPaths: ['/fullName', '/email', '/phone'],
      });
      expect((await read(storeOf(candidatesDb, 0))).data.email).toBe(ERASED_VALUE);

      const { rows } = await candidatesDb.query(
        'select wrapped_key, kek_id, erased_at is not null as erased from personal_data.data_keys where key_id = $1',
        [keyId],
      );
      expect(rows).toEqual([{ wrapped_key: null, kek_id: null, erased: true }]);
    });

    it('when a candidacy is erased, then every process is told its key id at once, to forget it', async () => {
      const listener = new Client({ connectionString: database.url });
      await listener.connect();
      try {
        const told = new Promise<string>((resolve) =>
          listener.on('notification', ({ channel, payload }) => {
            if (channel === ERASURE_CHANNEL) resolve(payload ?? '');
          }),
        );
        await listener.query(`listen ${ERASURE_CHANNEL}`);
        const keyIds = [candidacyKey(), candidacyKey()];
        const longLived = storeOf(schedulingDb, 3_600_000);
        await Promise.all(keyIds.map((keyId) => candidates.dataKeyFor(keyId)));
        expect((await longLived.keysFor(keyIds)).get(keyIds[0])).not.toBeNull();
        await candidates.erase(keyIds);
        const payload = await told;
        expect(payload.split(',').sort()).toEqual([...keyIds].sort());
        longLived.forget(payload.split(','));
        expect((await longLived.keysFor(keyIds)).get(keyIds[0])).toBeNull();
      } finally {
        await listener.end();
      }
    });

    it('when personal data would be written for it again, then no new key is made', async () => {
      const keyId = dataKeyId('candidate', candidateId);
      await expect(storeOf(schedulingDb).dataKeyFor(keyId)).rejects.toThrow(
        PersonalDataErasedError,
      );
      await expect(candidates.dataKeyFor(keyId)).rejects.toThrow(PersonalDataErasedError);
    });
  });

  it('erases every candidacy of a person, those linked after their key was made too, and no one else’s', async () => {
    const store = storeOf(candidatesDb);
    const personId = randomUUID();
    const first = candidacyKey();
    const second = candidacyKey();
    const someoneElse = candidacyKey();
    await store.dataKeyFor(first, personId);
    await store.dataKeyFor(second);
    await storeOf(schedulingDb).dataKeyFor(second, personId);
    await store.dataKeyFor(someoneElse, randomUUID());

    const erased = await store.erasePerson(personId);
    expect(erased.map(({ keyId }) => keyId).sort()).toEqual([first, second].sort());
    const keys = await storeOf(schedulingDb).keysFor([first, second, someoneElse]);
    expect([keys.get(first), keys.get(second)]).toEqual([null, null]);
    expect(keys.get(someoneElse)).not.toBeNull();
  });

  it('erases a candidacy that never had a key, so none is made for it later', async () => {
    const keyId = candidacyKey();
    await storeOf(candidatesDb).erase([keyId, keyId]);
    await expect(storeOf(schedulingDb).dataKeyFor(keyId)).rejects.toThrow(PersonalDataErasedError);
  });

  it('refuses keys wrapped by another key-encryption key, naming both', async () => {
    const keyId = candidacyKey();
    await storeOf(candidatesDb).dataKeyFor(keyId);
    const other = new LocalKeyEncryptionKey(randomBytes(32));
    await expect(new PostgresDataKeyStore(schedulingDb, other).keysFor([keyId])).rejects.toThrow(
      `data key ${keyId} is wrapped by key-encryption key ${kek.id}, not by this one (${other.id})`,
    );
  });
});
