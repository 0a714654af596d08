import type { CandidateEvent, PersonalDataEvent } from '@hirestream/contracts';
import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import { retentionLookOf, retentionSchedule } from './retention.schedule';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const changes = (event: CandidateEvent | PersonalDataEvent) =>
  retentionSchedule.changes(recordedEvent(7, event));
const policy = { id: 'uk-applicants', version: 1, jurisdiction: 'uk' };
const timerId = `personal-data-retention:${candidateId}`;
const facts = candidateStreamFacts(candidateId);

describe('retention schedule', () => {
  it('sets the first look one month after a rejection or a withdrawal', () => {
    // recordedEvent's decision is at 2030-03-01T10:00:00Z.
    expect(changes(facts.withdrew())).toEqual([
      {
        set: {
          timerId,
          kind: 'personal-data-retention',
          streamName: `candidate-${candidateId}`,
          dueAt: '2030-04-01T10:00:00.000Z',
          data: {
            candidateId,
            closedAt: '2030-03-01T10:00:00Z',
            look: 'first-look',
            policyId: null,
            policyVersion: null,
            jurisdiction: null,
          },
        },
      },
    ]);
  });

  it("moves it to the erasure's time once scheduled, and clears it once erased", () => {
    expect(
      changes(facts.retentionScheduled({ eraseAt: '2031-01-01T00:00:00Z', cause: 'consent' })),
    ).toEqual([
      {
        set: {
          timerId,
          kind: 'personal-data-retention',
          streamName: `candidate-${candidateId}`,
          dueAt: '2031-01-01T00:00:00Z',
          data: {
            candidateId,
            closedAt: '2030-03-04T09:00:00.000Z',
            look: 'consent',
            policyId: 'uk-applicants',
            policyVersion: 1,
            jurisdiction: 'uk',
          },
        },
      },
    ]);
    expect(changes(facts.erased('retention'))).toEqual([{ clear: timerId }]);
    expect(changes(facts.moved('applied', 'screening'))).toEqual([]);
  });

  it('reads a timer back as the look it is, and nothing else', () => {
    const data = {
      candidateId,
      closedAt: '2030-03-04T09:00:00.000Z',
      look: 'policy',
      policyId: 'uk-applicants',
      policyVersion: 1,
      jurisdiction: 'uk',
    };
    expect(retentionLookOf({ kind: 'personal-data-retention', data })).toEqual({
      candidateId,
      closedAt: '2030-03-04T09:00:00.000Z',
      look: 'policy',
      policy,
    });
    expect(retentionLookOf({ kind: 'offer-expiry', data })).toBeUndefined();
    expect(
      retentionLookOf({ kind: 'personal-data-retention', data: { ...data, look: 'whenever' } }),
    ).toBeUndefined();
  });
});
