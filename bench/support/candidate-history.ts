import type { CandidateEvent, CandidateRegistered } from '@hirestream/contracts';
import { randomUUID } from 'node:crypto';

/** A bench candidate's registration. */
export function benchRegistration(candidateId: string): CandidateRegistered {
  return {
    type: 'CandidateRegistered',
    data: {
      candidateId,
      personId: randomUUID(),
      fullName: 'Bench Candidate',
      email: 'bench@example.org',
      phone: null,
      jobId: 'job-bench',
      source: 'benchmark',
      resumeRef: null,
    },
  };
}

/**
 * One candidacy of `count` events that every service folds: a registration, then
 * screenings and stage moves in turn; each screening's notes hold `noteRepeats`
 * copies of a short phrase, for events of a realistic size.
 */
export function candidateHistory(count: number, noteRepeats = 1): CandidateEvent[] {
  const candidateId = randomUUID();
  const events: CandidateEvent[] = [benchRegistration(candidateId)];
  for (let i = 1; i < count; i += 1) {
    events.push(
      i % 2 === 1
        ? {
            type: 'ScreeningRecorded',
            data: {
              candidateId,
              passed: true,
              notes: `note ${i} `.repeat(noteRepeats).trim(),
              screenedBy: 'r-1',
            },
          }
        : {
            type: 'CandidateStageChanged',
            data: { candidateId, from: 'applied', to: 'screening' },
          },
    );
  }
  return events;
}
