import { candidateStreamName, type CandidateEvent } from '@hirestream/contracts';
import {
  AggregateNotFoundError,
  EventStore,
  foldEvents,
  loadStream,
  type RecordedEvent,
} from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import { candidateDecider } from '../domain/candidate.decider';
import type { Candidate, CandidateState } from '../domain/candidate.state';

export type LoadedCandidate = Readonly<{ candidate: Candidate; revision: bigint }>;

export type CandidateHistory = LoadedCandidate &
  Readonly<{ events: readonly RecordedEvent<CandidateEvent>[] }>;

function registered(
  candidateId: string,
  state: CandidateState,
  revision: bigint | undefined,
): LoadedCandidate {
  if (state.status !== 'registered' || revision === undefined) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  return { candidate: state.candidate, revision };
}

/** Reads a candidate's stream and folds it: the source of truth, never a projection. */
@Injectable()
export class CandidateReader {
  constructor(private readonly store: EventStore) {}

  /** The candidate now (from its newest snapshot and the events since, see `loadStream`). */
  async load(candidateId: string): Promise<LoadedCandidate> {
    const { state, revision } = await loadStream(
      this.store,
      candidateDecider,
      candidateStreamName(candidateId),
    );
    return registered(candidateId, state, revision);
  }

  /** The candidate with every event of its stream. */
  async history(candidateId: string): Promise<CandidateHistory> {
    const { events, revision } = await this.store.readStream<CandidateEvent>(
      candidateStreamName(candidateId),
    );
    const state = foldEvents(
      candidateDecider,
      events.map((recorded) => recorded.event),
    );
    return { ...registered(candidateId, state, revision), events };
  }
}
