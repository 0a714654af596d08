import { hirestreamEventCatalog } from '../event-catalog';
import type { CandidateEvent } from './candidate-events';

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
    data: { candidateId, passed: true, notes: '', screenedBy: 'recruiter-1' },
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
];

describe('candidate event contracts', () => {
  it('has a contract for every candidate event, owned by the candidates service', () => {
    expect(hirestreamEventCatalog.typesOwnedBy('candidates').sort()).toEqual(
      examples.map((e) => e.type).sort(),
    );
  });

  it.each(examples.map((e) => [e.type, e] as const))('accepts a well-formed %s', (_type, event) => {
    expect(validator.problems(event.type, event.data)).toEqual([]);
  });

  it('names what is wrong with malformed data', () => {
    expect(
      validator.problems('CandidateRegistered', { ...examples[0].data, email: 'nope', extra: 1 }),
    ).toEqual(
      expect.arrayContaining([
        'data must NOT have additional properties',
        'data.email must match format "email"',
      ]),
    );
    expect(
      validator.problems('CandidateStageChanged', { candidateId, from: 'applied', to: 'heaven' }),
    ).toEqual(['data.to must be equal to one of the allowed values']);
    expect(validator.problems('ScreeningRecorded', { candidateId })).toEqual(
      expect.arrayContaining(["data must have required property 'passed'"]),
    );
  });

  it('refuses an event type without a contract', () => {
    expect(validator.problems('SomethingElse', {})).toEqual(['SomethingElse has no contract']);
  });
});
