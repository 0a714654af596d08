import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import {
  hireAggregate,
  type HireCandidate,
  type HireState,
  type HireStreamEvent,
} from '../domain/hire.decider';

/** The token the hire's command gateway is injected by. */
export const HIRES = Symbol('HIRES');

export type HireGateway = CommandGateway<HireState, HireCandidate, HireStreamEvent>;

export const hireGatewayProvider = provideCommandGateway(HIRES, hireAggregate);
