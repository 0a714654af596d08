import { hirestreamEventCatalog, type PersonalDataMarking } from '@hirestream/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { dataKeyId, type DataKey } from '../keys/data-key';
import { ERASED_VALUE, PersonalDataIntegrityError, type EncryptedValue } from './encrypted-value';
import { decryptPersonalData, encryptPersonalData, keyIdsIn } from './event-data-cipher';

const candidateId = '6f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77';
const keyOf = (id: string): DataKey => ({
  keyId: dataKeyId('candidate', id),
  secret: randomBytes(32),
});

function markingOf(type: string): PersonalDataMarking {
  const contract = hirestreamEventCatalog.contractOf(type);
  if (contract?.personalData === undefined) throw new Error(`${type} has no personal data`);
  return contract.personalData;
}

const registered = {
  candidateId,
  personId: 'b1f0e3c2-5a4d-4e6f-8a9b-0c1d2e3f4a5b',
  fullName: 'Ada Lovelace',
  email: 'ada@example.org',
  phone: null,
  jobId: 'job-7',
  source: 'referral',
  resumeRef: 'resumes/ada-lovelace.pdf',
};
const referenceCheck = {
  candidateId,
  checkId: randomUUID(),
  itemId: 'reference-1',
  referenceName: 'Charles Babbage',
  relationship: 'Former manager',
  answers: [
    { question: 'How did Ada work with others?', answer: 'Generously.' },
    { question: 'Would you hire her again?', answer: 'At once.' },
  ],
  result: 'positive',
  recordedBy: 'recruiter-1',
};

type Envelopes = Record<string, EncryptedValue>;

describe('encrypting the personal data of an event', () => {
  describe('given a CandidateRegistered and its candidacy key', () => {
    const key = keyOf(candidateId);
    const eventId = randomUUID();
    const stored = encryptPersonalData(registered, markingOf('CandidateRegistered'), key, eventId);

    it('when stored, then its name, e-mail and resume are envelopes under the key, and nothing else changed', () => {
      const envelopes = stored as unknown as Envelopes;
      for (const field of ['fullName', 'email', 'resumeRef']) {
        expect(envelopes[field]).toEqual({
          $enc: 'v1',
          kid: `candidate:${candidateId}`,
          iv: expect.stringMatching(/^[\w-]{16}$/),
          ct: expect.stringMatching(/^[\w-]+$/),
          tag: expect.stringMatching(/^[\w-]{22}$/),
        });
      }
      expect(stored).toMatchObject({
        candidateId,
        phone: null,
        jobId: 'job-7',
        source: 'referral',
      });
      expect(JSON.stringify(stored)).not.toMatch(/Ada|Lovelace|example\.org/);
      expect(registered.fullName).toBe('Ada Lovelace');
    });

    it('when read with its key, then it is the event as written, with nothing erased', () => {
      const keys = new Map([[key.keyId, key]]);
      expect([...keyIdsIn(stored)]).toEqual([key.keyId]);
      expect(decryptPersonalData(stored, eventId, keys)).toEqual({
        data: registered,
        erasedPaths: [],
      });
    });

    it('when its key is erased, then the personal values read as erased and the rest as written', () => {
      const keys = new Map([[key.keyId, null]]);
      expect(decryptPersonalData(stored, eventId, keys)).toEqual({
        data: {
          ...registered,
          fullName: ERASED_VALUE,
          email: ERASED_VALUE,
          resumeRef: ERASED_VALUE,
        },
        erasedPaths: ['/fullName', '/email', '/resumeRef'],
      });
    });

    it('when read as another event (another id), then it is refused', () => {
      const keys = new Map([[key.keyId, key]]);
      expect(() => decryptPersonalData(stored, randomUUID(), keys)).toThrow(
        PersonalDataIntegrityError,
      );
    });

    it('when a ciphertext was changed by one bit, then it is refused, naming the value', () => {
      const envelopes = stored as unknown as Envelopes;
      const ct = Buffer.from(envelopes.email.ct, 'base64url');
      ct[0] ^= 1;
      const altered = { ...stored, email: { ...envelopes.email, ct: ct.toString('base64url') } };
      const keys = new Map([[key.keyId, key]]);
      expect(() => decryptPersonalData(altered, eventId, keys)).toThrow(
        `personal value /email of event ${eventId} cannot be decrypted`,
      );
    });

    it('when two values were swapped, then it is refused (each is bound to its path)', () => {
      const swapped = { ...stored, fullName: stored.email, email: stored.fullName };
      const keys = new Map([[key.keyId, key]]);
      expect(() => decryptPersonalData(swapped, eventId, keys)).toThrow(PersonalDataIntegrityError);
    });

    it('when read with another candidacy’s key under the same id, then it is refused', () => {
      const impostor = { keyId: key.keyId, secret: randomBytes(32) };
      expect(() => decryptPersonalData(stored, eventId, new Map([[key.keyId, impostor]]))).toThrow(
        PersonalDataIntegrityError,
      );
    });

    it('when its key was not fetched, then it throws rather than reading as erased', () => {
      expect(() => decryptPersonalData(stored, eventId, new Map())).toThrow(
        `data key candidate:${candidateId} was not fetched`,
      );
    });
  });

  describe('given personal values in an array (a reference check’s answers)', () => {
    const key = keyOf(candidateId);
    const eventId = randomUUID();
    const stored = encryptPersonalData(
      referenceCheck,
      markingOf('ReferenceCheckRecorded'),
      key,
      eventId,
    );

    it('when stored, then every item’s personal values are envelopes and read back in order', () => {
      expect(JSON.stringify(stored)).not.toMatch(/Babbage|Generously|hire her/);
      expect(decryptPersonalData(stored, eventId, new Map([[key.keyId, key]])).data).toEqual(
        referenceCheck,
      );
    });

    it('when two items were reordered, then it is refused', () => {
      const answers = stored.answers as readonly unknown[];
      const reordered = { ...stored, answers: [answers[1], answers[0]] };
      expect(() => decryptPersonalData(reordered, eventId, new Map([[key.keyId, key]]))).toThrow(
        PersonalDataIntegrityError,
      );
    });

    it('when the key is erased, then each item’s values are named erased by their index', () => {
      expect(
        decryptPersonalData(stored, eventId, new Map([[key.keyId, null]])).erasedPaths,
      ).toEqual([
        '/referenceName',
        '/relationship',
        '/answers/0/question',
        '/answers/0/answer',
        '/answers/1/question',
        '/answers/1/answer',
      ]);
    });
  });

  it('refuses a key that is not the subject’s', () => {
    expect(() =>
      encryptPersonalData(registered, markingOf('CandidateRegistered'), keyOf(randomUUID()), 'e'),
    ).toThrow(`the data's subject has key candidate:${candidateId}`);
  });

  it('refuses data whose personal field is not a string', () => {
    const wrong = { ...registered, email: 42 };
    expect(() =>
      encryptPersonalData(wrong, markingOf('CandidateRegistered'), keyOf(candidateId), 'e'),
    ).toThrow('personal value /email is not a string');
  });

  it('returns data without envelopes as the same object', () => {
    const data = { candidateId, from: 'applied', to: 'screening' };
    expect(decryptPersonalData(data, 'e', new Map()).data).toBe(data);
  });
});
