import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import {
  offerStageAggregate,
  type AdvanceOnClearCheck,
  type OfferStageState,
  type OfferStageStreamEvent,
} from '../domain/offer-stage.decider';

/** The token the offer-stage move's command gateway is injected by. */
export const OFFER_STAGE = Symbol('OFFER_STAGE');

export type OfferStageGateway = CommandGateway<
  OfferStageState,
  AdvanceOnClearCheck,
  OfferStageStreamEvent
>;

export const offerStageGatewayProvider = provideCommandGateway(OFFER_STAGE, offerStageAggregate);
