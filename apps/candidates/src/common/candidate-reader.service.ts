import { candidateStreamName, type CandidateEvent } from '@hirestream/contracts';
import {
  AggregateNotFoundError,
  EventStore,
  foldEvents,
  type RecordedEvent,
} from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import { candidateDecider } from '../domain/candidate.decider';
import type { Candidate } from '../domain/candidate.state';

export type LoadedCandidate = Readonly<{
  candidate: Candidate;
  revision: bigint;
  events: readonly RecordedEvent<CandidateEvent>[];
}>;

/** Reads a candidate's stream and folds it: the source of truth, never a projection. */
@Injectable()
export class CandidateReader {
  constructor(private readonly store: EventStore) {}

  async load(candidateId: string): Promise<LoadedCandidate> {
    const { events, revision } = await this.store.readStream<CandidateEvent>(
      candidateStreamName(candidateId),
    );
    const state = foldEvents(
      candidateDecider,
      events.map((recorded) => recorded.event),
    );
    if (state.status !== 'registered' || revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    }
    return { candidate: state.candidate, revision, events };
  }
}
