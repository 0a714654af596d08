import { reasonsOf } from './reasons';

describe('the reasons an event gives', () => {
  it('finds why-fields at any depth, by dotted path, and nothing else', () => {
    expect(
      reasonsOf({
        candidateId: 'c-1',
        category: 'rejected-by-us',
        reason: 'Another candidate fitted better',
        feedbackForCandidate: null,
        proposals: [{ term: 'baseSalary', reason: 'market rate' }],
        decision: { outcome: 'advance', rationale: 'Strong system design' },
        note: null,
      }),
    ).toEqual({
      category: 'rejected-by-us',
      reason: 'Another candidate fitted better',
      'proposals.0.reason': 'market rate',
      'decision.rationale': 'Strong system design',
    });
    expect(reasonsOf({ $base64: 'AAAA' })).toEqual({});
    expect(reasonsOf('text')).toEqual({});
  });
});
