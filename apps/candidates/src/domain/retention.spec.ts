import { foldEvents } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { personalDataDecider, type PersonalDataStreamEvent } from './personal-data.decider';
import {
  addMonths,
  retentionOutcome,
  retentionPolicyForJob,
  type RetentionPolicy,
} from './retention';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const closedAt = '2030-01-31T09:00:00.000Z';

const policy = (id: string, jobIds: string[] | null, keepMonths: number, version = 1) =>
  ({ id, version, jurisdiction: id, name: id, jobIds, keepMonths }) satisfies RetentionPolicy;

const facts = candidateStreamFacts(candidateId);
const registered = facts.registered();
const withdrew = facts.withdrew();
const stateOf = (...history: PersonalDataStreamEvent[]) => foldEvents(personalDataDecider, history);

describe('retention', () => {
  it('counts calendar months in UTC, on the same day or the last of a shorter month', () => {
    expect(addMonths('2030-01-31T09:00:00.000Z', 1)).toBe('2030-02-28T09:00:00.000Z');
    expect(addMonths('2032-01-31T09:00:00Z', 1)).toBe('2032-02-29T09:00:00.000Z');
    expect(addMonths('2030-11-15T23:30:00.500Z', 6)).toBe('2031-05-15T23:30:00.500Z');
    expect(addMonths('2030-03-04T00:00:00Z', 48)).toBe('2034-03-04T00:00:00.000Z');
  });

  it("applies the job's policy, else the default, each in its highest version", () => {
    const policies = [
      policy('default', null, 48),
      policy('uk', ['job-uk-1'], 6),
      policy('uk', ['job-uk-1'], 12, 2),
    ];
    expect(retentionPolicyForJob(policies, 'job-uk-1')).toMatchObject({ id: 'uk', version: 2 });
    expect(retentionPolicyForJob(policies, 'job-7')).toMatchObject({ id: 'default' });
  });

  describe('a look at a closed candidacy', () => {
    const uk = policy('uk', ['job-uk-1'], 6);
    const look = (now: string) => ({ policy: uk, closedAt, now });

    it("schedules the erasure at the policy's time after the decision", () => {
      expect(retentionOutcome(stateOf(registered, withdrew), look('2030-02-28T09:00:00Z'))).toEqual(
        { kind: 'schedule', eraseAt: '2030-07-31T09:00:00.000Z', cause: 'policy' },
      );
    });

    it('erases once that time has come', () => {
      expect(
        retentionOutcome(stateOf(registered, withdrew), look('2030-07-31T09:00:00.000Z')),
      ).toEqual({ kind: 'erase' });
    });

    it('waits for the end of a consent to be kept that runs longer, then erases', () => {
      const state = stateOf(registered, withdrew, facts.retentionConsented('2031-01-01T00:00:00Z'));
      expect(retentionOutcome(state, look('2030-08-01T00:00:00Z'))).toEqual({
        kind: 'schedule',
        eraseAt: '2031-01-01T00:00:00Z',
        cause: 'consent',
      });
      expect(retentionOutcome(state, look('2031-01-01T00:00:00Z'))).toEqual({ kind: 'erase' });
    });

    it("lets a consent shorter than the policy's time change nothing", () => {
      const state = stateOf(registered, withdrew, facts.retentionConsented('2030-03-01T00:00:00Z'));
      expect(retentionOutcome(state, look('2030-02-28T09:00:00Z'))).toMatchObject({
        cause: 'policy',
      });
    });

    it('does nothing for a candidacy open, hired or erased', () => {
      const hired = facts.hired();
      const erased = facts.erased('request');
      const late = look('2040-01-01T00:00:00Z');
      expect(retentionOutcome(stateOf(registered), late)).toEqual({ kind: 'nothing' });
      expect(retentionOutcome(stateOf(registered, hired), late)).toEqual({ kind: 'nothing' });
      expect(retentionOutcome(stateOf(registered, withdrew, erased), late)).toEqual({
        kind: 'nothing',
      });
    });
  });
});
