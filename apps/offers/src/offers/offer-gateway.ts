import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { OfferCommand } from '../domain/offer.commands';
import { offerAggregate, type OfferStreamEvent } from '../domain/offer.decider';
import type { CandidateOffers } from '../domain/offer.state';

/** The token the offers' command gateway is injected by. */
export const OFFERS = Symbol('OFFERS');

/** Offer commands on a candidate's stream. */
export type OfferGateway = CommandGateway<CandidateOffers, OfferCommand, OfferStreamEvent>;

export const offerGatewayProvider = provideCommandGateway(OFFERS, offerAggregate);
