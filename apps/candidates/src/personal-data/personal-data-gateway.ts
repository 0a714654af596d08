import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { PersonalDataCommand } from '../domain/personal-data.commands';
import {
  personalDataAggregate,
  type PersonalDataStreamEvent,
} from '../domain/personal-data.decider';
import type { PersonalDataState } from '../domain/personal-data.state';

/** The token the personal-data command gateway is injected by. */
export const PERSONAL_DATA = Symbol('PERSONAL_DATA');

export type PersonalDataGateway = CommandGateway<
  PersonalDataState,
  PersonalDataCommand,
  PersonalDataStreamEvent
>;

export const personalDataGatewayProvider = provideCommandGateway(
  PERSONAL_DATA,
  personalDataAggregate,
);
