import { hirestreamEventCatalog } from '../event-catalog';
import type { CandidateEvent } from './candidate-contracts';
import { PERSONAL_DATA_EVENT_TYPES } from './personal-data-contracts';

const validator = {
  problems: (type: string, data: unknown) => hirestreamEventCatalog.schemaProblems(type, data),
};
const candidateId = '6f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77';

const examples: CandidateEvent[] = [
  {
    type: 'CandidateRegistered',
    data: {
      candidateId,
      personId: 'b1f0e3c2-5a4d-4e6f-8a9b-0c1d2e3f4a5b',
      fullName: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: null,
      jobId: 'job-7',
      source: 'referral',
      resumeRef: 'resumes/ada.pdf',
    },
  },
  {
    type: 'ScreeningRecorded',
    data: { candidateId, passed: true, notes: null, screenedBy: 'recruiter-1' },
  },
  { type: 'CandidateStageChanged', data: { candidateId, from: 'applied', to: 'screening' } },
  {
    type: 'CandidateRejected',
    data: {
      candidateId,
      category: 'other',
      reason: 'filled',
      feedbackForCandidate: null,
      stageAtRejection: 'offer',
    },
  },
  { type: 'CandidateWithdrew', data: { candidateId, reason: null, stageAtWithdrawal: 'applied' } },
  {
    type: 'CandidateHired',
    data: {
      candidateId,
      offerId: '2f1c2a9e-1b7d-4c55-9a3e-2f4b8d0c1e77',
      offerVersion: 2,
      stageAtHire: 'offer',
    },
  },
];

describe('candidate event contracts', () => {
  it('has a contract for every candidate event, owned by the candidates service (with its personal-data events)', () => {
    expect(hirestreamEventCatalog.typesOwnedBy('candidates').sort()).toEqual(
      [...examples.map((e) => e.type), ...PERSONAL_DATA_EVENT_TYPES].sort(),
    );
  });

  it.each(examples.map((e) => [e.type, e] as const))('accepts a well-formed %s', (_type, event) => {
    expect(validator.problems(event.type, event.data)).toEqual([]);
  });

  it('names the field and rule of what is wrong with malformed data', () => {
    const fieldsAndRules = (type: string, data: unknown) =>
      validator.problems(type, data).map(({ field, rule }) => `${field}:${rule}`);
    expect(
      fieldsAndRules('CandidateRegistered', { ...examples[0].data, email: 'nope', extra: 1 }),
    ).toEqual(expect.arrayContaining(['extra:unknownField', 'email:format']));
    expect(
      fieldsAndRules('CandidateStageChanged', { candidateId, from: 'applied', to: 'heaven' }),
    ).toEqual(['to:enum']);
    expect(fieldsAndRules('ScreeningRecorded', { candidateId })).toEqual(
      expect.arrayContaining(['passed:required', 'notes:required', 'screenedBy:required']),
    );
  });

  it('reads a v1 screening, whose notes were a string, as v2', () => {
    expect(
      hirestreamEventCatalog.upcast('ScreeningRecorded', 1, {
        candidateId,
        passed: true,
        notes: '  ',
        screenedBy: 'r',
      }),
    ).toEqual({ candidateId, passed: true, notes: null, screenedBy: 'r' });
    expect(
      hirestreamEventCatalog.upcast('ScreeningRecorded', 1, {
        candidateId,
        passed: false,
        notes: ' not now ',
        screenedBy: 'r',
      }),
    ).toMatchObject({ notes: 'not now' });
  });

  it('refuses an event type without a contract', () => {
    expect(validator.problems('SomethingElse', {})).toEqual([
      expect.objectContaining({ rule: 'contract', message: 'SomethingElse has no contract' }),
    ]);
  });
});
