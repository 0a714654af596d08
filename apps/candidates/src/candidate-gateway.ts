import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { CandidateCommand } from './domain/candidate.commands';
import { candidateAggregate, type CandidateStreamEvent } from './domain/candidate.decider';
import type { CandidateState } from './domain/candidate.state';

/** The token the candidate stream's command gateway is injected by. */
export const CANDIDATES = Symbol('CANDIDATES');

export type CandidateGateway = CommandGateway<
  CandidateState,
  CandidateCommand,
  CandidateStreamEvent
>;

export const candidateGatewayProvider = provideCommandGateway(CANDIDATES, candidateAggregate);
