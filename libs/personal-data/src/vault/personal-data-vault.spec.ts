import { hirestreamEventCatalog } from '@hirestream/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { ERASED_VALUE, PersonalDataIntegrityError } from '../cipher/encrypted-value';
import { DATA_KEY_BYTES, type DataKey } from '../keys/data-key';
import type { ErasedKey } from '../keys/postgres-data-key-store';
import { PersonalDataVault, type DataKeyStore } from './personal-data-vault';

/** Keys in memory: the vault's logic without PostgreSQL (the store has its own spec). */
function keysInMemory(): DataKeyStore & { erased: Set<string> } {
  const keys = new Map<string, DataKey>();
  const erased = new Set<string>();
  const keyOf = (keyId: string): DataKey => {
    const key = keys.get(keyId) ?? { keyId, secret: randomBytes(DATA_KEY_BYTES) };
    keys.set(keyId, key);
    return key;
  };
  const erase = async (keyIds: readonly string[]): Promise<ErasedKey[]> => {
    for (const keyId of keyIds) erased.add(keyId);
    return keyIds.map((keyId) => ({ keyId, erasedAt: new Date() }));
  };
  return {
    erased,
    dataKeyFor: async (keyId) => keyOf(keyId),
    keysFor: async (keyIds) =>
      new Map([...keyIds].map((keyId) => [keyId, erased.has(keyId) ? null : keyOf(keyId)])),
    erase,
    erasePerson: async () => [],
    forget: () => undefined,
  };
}

const at = { eventId: 'snapshot-of-a-calendar', path: '/state' };
const subjects = (count: number) =>
  Array.from({ length: count }, () => `candidate:${randomUUID()}`);

describe('a value sealed under several subjects’ keys', () => {
  it('opens while every key is there, and reads as erased once any one is erased', async () => {
    const keys = keysInMemory();
    const vault = new PersonalDataVault(hirestreamEventCatalog, keys);
    const keyIds = subjects(3);
    const state = { reasons: ['moved at the candidate’s request', 'a clash'] };
    const sealed = await vault.sealValue(state, keyIds, at);
    expect(JSON.stringify(sealed)).not.toContain('clash');
    expect(await vault.openValues([{ sealed, at }])).toEqual([state]);
    await keys.erase([keyIds[1]]);
    expect(await vault.openValues([{ sealed, at }])).toEqual([ERASED_VALUE]);
  });

  it('grows with the number of keys, not by nesting', async () => {
    const vault = new PersonalDataVault(hirestreamEventCatalog, keysInMemory());
    const size = async (count: number) =>
      JSON.stringify(await vault.sealValue({ note: 'x'.repeat(1_000) }, subjects(count), at))
        .length;
    const [ten, forty] = [await size(10), await size(40)];
    expect(forty - ten).toBeLessThan(30 * 250);
  });

  it('refuses a share moved from another value, and a value moved to another place', async () => {
    const vault = new PersonalDataVault(hirestreamEventCatalog, keysInMemory());
    const keyIds = subjects(2);
    const first = (await vault.sealValue('first', keyIds, at)) as { shares: unknown[] };
    const second = (await vault.sealValue('second', keyIds, at)) as { shares: unknown[] };
    const mixed = { ...first, shares: [second.shares[0], first.shares[1]] };
    await expect(vault.openValues([{ sealed: mixed, at }])).rejects.toBeInstanceOf(
      PersonalDataIntegrityError,
    );
    await expect(
      vault.openValues([{ sealed: first, at: { ...at, path: '/elsewhere' } }]),
    ).rejects.toBeInstanceOf(PersonalDataIntegrityError);
  });

  it('asks for no key for an event whose personal fields are all empty', async () => {
    const keys = keysInMemory();
    const asked: string[] = [];
    const vault = new PersonalDataVault(hirestreamEventCatalog, {
      ...keys,
      dataKeyFor: async (keyId) => {
        asked.push(keyId);
        return keys.dataKeyFor(keyId);
      },
    });
    const withdrew = { candidateId: randomUUID(), reason: null };
    expect(await vault.sealEvent('CandidateWithdrew', withdrew, randomUUID())).toEqual({
      data: withdrew,
      keyIds: [],
    });
    expect(asked).toEqual([]);
  });
});
