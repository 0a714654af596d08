import { personalDataDecisions } from '../core/personal-data';
import { hirestreamEventCatalog } from '../event-catalog';
import { CANDIDACY_EVENT_TYPES } from './candidacy';
import {
  PERSONAL_DATA_EVENT_TYPES,
  personalDataEventContracts,
  type PersonalDataEvent,
} from './personal-data-contracts';

const candidateId = '6f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77';
const requestId = '7a1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77';
const policy = { id: 'uk-applicants', version: 1, jurisdiction: 'uk' };

const examples: PersonalDataEvent[] = [
  {
    type: 'PersonalDataErasureRequested',
    data: { candidateId, requestId, reason: 'person-asked', requestedBy: 'recruiter-1' },
  },
  {
    type: 'PersonalDataErasureApproved',
    data: { candidateId, requestId, approvedBy: 'admin-2' },
  },
  {
    type: 'PersonalDataErasureRefused',
    data: { candidateId, requestId, ground: 'legal-claims', refusedBy: 'admin-2' },
  },
  {
    type: 'PersonalDataErased',
    data: {
      candidateId,
      personId: 'b1f0e3c2-5a4d-4e6f-8a9b-0c1d2e3f4a5b',
      keyIds: [`candidate:${candidateId}`, 'candidate:8b1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77'],
      basis: 'request',
      requestId,
      reason: 'person-asked',
      requestedBy: 'recruiter-1',
      policy: null,
      erasedAt: '2030-03-04T09:00:00.123Z',
    },
  },
  {
    type: 'PersonalDataErased',
    data: {
      candidateId,
      personId: null,
      keyIds: [`candidate:${candidateId}`],
      basis: 'retention',
      requestId: null,
      reason: null,
      requestedBy: null,
      policy,
      erasedAt: '2030-09-04T09:00:00Z',
    },
  },
  {
    type: 'PersonalDataRetentionConsented',
    data: { candidateId, keepUntil: '2031-03-04T00:00:00Z', recordedBy: 'recruiter-1' },
  },
  {
    type: 'PersonalDataRetentionScheduled',
    data: {
      candidateId,
      policy,
      closedAt: '2030-03-04T09:00:00Z',
      eraseAt: '2030-09-04T09:00:00Z',
      cause: 'policy',
    },
  },
];

const fieldsAndRules = (type: string, data: unknown) =>
  hirestreamEventCatalog.schemaProblems(type, data).map(({ field, rule }) => `${field}:${rule}`);

describe('personal-data event contracts', () => {
  it('has a contract for each, owned by the candidates service', () => {
    expect([...PERSONAL_DATA_EVENT_TYPES].sort()).toEqual(
      [...new Set(examples.map((e) => e.type))].sort(),
    );
    for (const type of PERSONAL_DATA_EVENT_TYPES) {
      expect(hirestreamEventCatalog.contractOf(type)?.owner).toBe('candidates');
    }
  });

  it.each(examples.map((e, i) => [`${e.type} (${i})`, e] as const))(
    'accepts a well-formed %s',
    (_label, event) => {
      expect(hirestreamEventCatalog.schemaProblems(event.type, event.data)).toEqual([]);
    },
  );

  it('names the field and rule of what is wrong with malformed data', () => {
    const [, , , erased] = examples;
    expect(fieldsAndRules('PersonalDataErased', { ...erased.data, keyIds: [] })).toEqual([
      'keyIds:minItems',
    ]);
    expect(fieldsAndRules('PersonalDataErased', { ...erased.data, basis: 'whim' })).toEqual([
      'basis:enum',
    ]);
    expect(
      fieldsAndRules('PersonalDataErased', {
        ...erased.data,
        policy: { id: 'uk', version: 0, jurisdiction: 'uk' },
      }),
    ).toEqual(['policy.version:minimum']);
    expect(
      fieldsAndRules('PersonalDataErasureRequested', {
        candidateId,
        requestId,
        reason: 'Ada asked us by phone',
        requestedBy: 'recruiter-1',
      }),
    ).toEqual(['reason:enum']);
  });

  it('holds no personal data, so it stays readable once the keys are erased, and decides every field', () => {
    expect(personalDataDecisions(personalDataEventContracts)).toEqual({
      personal: {},
      undecided: [],
    });
  });

  it('is not a candidacy fact: the shared candidacy fold passes it over', () => {
    for (const type of PERSONAL_DATA_EVENT_TYPES)
      expect(CANDIDACY_EVENT_TYPES.has(type)).toBe(false);
  });
});
