import { AggregateNotFoundError, CommandRejectedError } from '../core/domain-errors';
import { candidateEventContracts, type CandidateEvent } from './candidate-contracts';
import type { CandidateStage } from './candidate-stage';

/*
 * The candidates service's facts as every other service reads them from the
 * shared candidate stream: which stage the candidacy is in, and whether it is
 * closed. One definition of "closed" for every decider.
 */

export type Candidacy = Readonly<{ candidateId: string; stage: CandidateStage }>;

/** Hired, rejected and withdrawn candidacies are closed: no service acts on them any more. */
export const CLOSED_CANDIDACY_STAGES: ReadonlySet<CandidateStage> = new Set([
  'hired',
  'rejected',
  'withdrawn',
]);

/** The event types the candidacy fold reads. */
export const CANDIDACY_EVENT_TYPES: ReadonlySet<string> = new Set(
  candidateEventContracts.map((contract) => contract.type),
);

/** Folds one of the candidates service's events into the candidacy (null: not registered yet). */
export function evolveCandidacy(
  candidacy: Candidacy | null,
  event: CandidateEvent,
): Candidacy | null {
  switch (event.type) {
    case 'CandidateRegistered':
      return { candidateId: event.data.candidateId, stage: 'applied' };
    case 'CandidateStageChanged':
      return candidacy === null ? null : { ...candidacy, stage: event.data.to };
    case 'CandidateRejected':
      return candidacy === null ? null : { ...candidacy, stage: 'rejected' };
    case 'CandidateWithdrew':
      return candidacy === null ? null : { ...candidacy, stage: 'withdrawn' };
    case 'CandidateHired':
      return candidacy === null ? null : { ...candidacy, stage: 'hired' };
    case 'ScreeningRecorded':
      return candidacy;
  }
}

/**
 * The candidacy, if it exists and is open; otherwise the refusal every service
 * gives: 404 for a candidate never registered, 409 `candidacy-closed` for a closed one.
 */
export function openCandidacy<C extends Candidacy>(candidacy: C | null, candidateId: string): C {
  if (candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  if (CLOSED_CANDIDACY_STAGES.has(candidacy.stage)) {
    throw new CommandRejectedError(
      'candidacy-closed',
      `candidate ${candidateId} is ${candidacy.stage}; the candidacy is closed`,
    );
  }
  return candidacy;
}
