import { candidateStreamName } from '@hirestream/contracts';
import { EventStore, handleCommand } from '@hirestream/event-sourcing';
import { currentCorrelation, type ActingPrincipal } from '@hirestream/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CandidateCommand } from '../domain/candidate.commands';
import { candidateDecider } from '../domain/candidate.decider';
import type { Candidate } from '../domain/candidate.state';
import { actorOf } from './actor';

export type CandidateCommandOutcome = Readonly<{ candidate: Candidate; revision: bigint }>;

/** Runs a candidate command for a caller: load, decide, append (see `handleCommand`). */
@Injectable()
export class CandidateCommandService {
  constructor(private readonly store: EventStore) {}

  async execute(
    command: CandidateCommand,
    principal: ActingPrincipal,
    expectedRevision?: bigint,
  ): Promise<CandidateCommandOutcome> {
    const correlation = currentCorrelation();
    const correlationId = correlation?.correlationId ?? randomUUID();
    const result = await handleCommand(
      this.store,
      candidateDecider,
      candidateStreamName(command.data.candidateId),
      command,
      {
        actor: actorOf(principal),
        correlationId,
        causationId: correlation?.causationId ?? correlationId,
      },
      // A registration names a freshly generated id, so there is nothing to read first.
      { expectedRevision, streamIsNew: command.type === 'RegisterCandidate' },
    );
    if (result.newState.status !== 'registered' || result.revision === undefined) {
      throw new Error(
        `command ${command.type} left candidate ${command.data.candidateId} unregistered`,
      );
    }
    return { candidate: result.newState.candidate, revision: result.revision };
  }
}
