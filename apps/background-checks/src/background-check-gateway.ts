import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { BackgroundCheckCommand } from './domain/background-check.commands';
import { backgroundCheckAggregate } from './domain/background-check.decider';
import type {
  BackgroundCheckState,
  BackgroundCheckStreamEvent,
} from './domain/background-check.state';

/** The token the background checks' command gateway is injected by. */
export const BACKGROUND_CHECKS = Symbol('BACKGROUND_CHECKS');

export type BackgroundCheckGateway = CommandGateway<
  BackgroundCheckState,
  BackgroundCheckCommand,
  BackgroundCheckStreamEvent
>;

export const backgroundCheckGatewayProvider = provideCommandGateway(
  BACKGROUND_CHECKS,
  backgroundCheckAggregate,
);
