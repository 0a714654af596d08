import { hirestreamEventCatalog } from '@hirestream/contracts';
import {
  ERASED_VALUE,
  PersonalDataErasedError,
  PersonalDataIntegrityError,
  PersonalDataVault,
  type DataKey,
  type DataKeyStore,
} from '@hirestream/personal-data';
import { randomBytes } from 'node:crypto';
import { PersonalColumns } from './personal-columns';

/** Data keys in memory: made on first use, `null` once erased. */
function keysInMemory(): DataKeyStore {
  const keys = new Map<string, DataKey | null>();
  const keyFor = (keyId: string): DataKey | null => {
    if (!keys.has(keyId)) keys.set(keyId, { keyId, secret: randomBytes(32) });
    return keys.get(keyId)!;
  };
  return {
    dataKeyFor: async (keyId) => {
      const key = keyFor(keyId);
      if (key === null) throw new PersonalDataErasedError(keyId);
      return key;
    },
    keysFor: async (keyIds) => new Map([...keyIds].map((keyId) => [keyId, keyFor(keyId)])),
    erase: async (keyIds) => {
      for (const keyId of keyIds) keys.set(keyId, null);
      return keyIds.map((keyId) => ({ keyId, erasedAt: new Date() }));
    },
    erasePerson: async () => [],
    forget: () => undefined,
  };
}

const ADA = 'candidate:ada';
const row = { row: 'interviews:ada', column: 'state' };
const sealedState = async (personal: PersonalColumns, kept: unknown): Promise<unknown> =>
  (await personal.sealStates([{ state: kept, keyIds: [ADA], at: row }], PATHS))[0];
const PATHS = ['/interviews/*/history/*/reason', '/interviews/*/cancellationReason'];
const state = {
  candidate: { candidateId: 'ada', stage: 'interviewing' },
  interviews: [
    {
      interviewId: 'i1',
      history: [
        { version: 1, reason: null },
        { version: 2, reason: 'Ada asked to move it: her daughter is ill' },
      ],
      cancellationReason: 'Ada withdrew by phone',
    },
    { interviewId: 'i2', history: [{ version: 1, reason: null }], cancellationReason: null },
  ],
};

describe('personal strings inside a kept state', () => {
  let vault: PersonalDataVault;
  let personal: PersonalColumns;
  beforeEach(() => {
    vault = new PersonalDataVault(hirestreamEventCatalog, keysInMemory());
    personal = new PersonalColumns(vault);
  });

  it('seals only the strings at the paths, keeps the rest as it was, and opens them back', async () => {
    const sealed = await sealedState(personal, state);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('daughter');
    expect(stored).not.toContain('by phone');
    expect(sealed).toMatchObject({
      candidate: state.candidate,
      interviews: [
        { interviewId: 'i1', history: [{ version: 1, reason: null }, { version: 2 }] },
        { interviewId: 'i2', cancellationReason: null },
      ],
    });
    expect(state.interviews[0].cancellationReason).toBe('Ada withdrew by phone');
    const [opened] = await personal.openStates([{ state: JSON.parse(stored), at: row }], PATHS);
    expect(opened).toEqual(state);
  });

  it('reads each sealed string as [erased] once the key is erased, and seals none under it afterwards', async () => {
    const sealed = await sealedState(personal, state);
    await vault.erase([ADA]);
    const [opened] = await personal.openStates([{ state: sealed, at: row }], PATHS);
    expect(opened).toMatchObject({
      candidate: state.candidate,
      interviews: [
        {
          history: [{ reason: null }, { version: 2, reason: ERASED_VALUE }],
          cancellationReason: ERASED_VALUE,
        },
        { cancellationReason: null },
      ],
    });
    const again = await sealedState(personal, opened);
    expect(again).toEqual(opened);
  });

  it('refuses a sealed string moved to another row or another place in the state', async () => {
    const sealed = (await sealedState(personal, state)) as typeof state;
    await expect(
      personal.openStates([{ state: sealed, at: { ...row, row: 'interviews:grace' } }], PATHS),
    ).rejects.toThrow(PersonalDataIntegrityError);
    const swapped = structuredClone(sealed);
    swapped.interviews[0].cancellationReason = sealed.interviews[0].history[1].reason!;
    await expect(personal.openStates([{ state: swapped, at: row }], PATHS)).rejects.toThrow(
      PersonalDataIntegrityError,
    );
  });
});
