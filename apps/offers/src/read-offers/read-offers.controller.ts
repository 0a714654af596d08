import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { entityTagOf, QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { COMPENSATION_READERS } from '../offers/offer-roles';
import { CandidateParams, OfferParams } from '../offers/offer.params';
import {
  OfferList,
  offersOf,
  offerViewFor,
  OfferViewFor,
  replyWithOffer,
  type OfferView,
} from '../offers/offer.view';

/** Compensation readers, approvers (offers whose chain names them) and the candidate (own, extended). */
const READERS = [...COMPENSATION_READERS, 'approver', 'candidate'] as const;

/** Reads from the candidate's stream (exact; the gateway keeps recently read states). */
@ApiTags('offers')
@Controller('candidates')
export class ReadOffersController {
  constructor(@Inject(OFFERS) private readonly offers: OfferGateway) {}

  @QueryRoute({
    path: ':id/offers',
    operationId: 'listOffers',
    summary:
      "The candidacy's offers as the caller may read them: staff every one with its chain; an approver those naming them; the candidate those extended to them",
    roles: READERS,
    candidateScope: 'id',
    revisioned: true,
    response: OfferList,
    problems: [404],
  })
  async list(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<OfferList> {
    const read = await this.offers.load(candidateStreamName(id));
    const state = offersOf(read, id);
    if (read.revision !== undefined) caller.reply.header('etag', entityTagOf(read.revision));
    return {
      offers: [...state.offers.values()].flatMap(
        (offer) => offerViewFor(state, id, offer, caller.principal) ?? [],
      ),
    };
  }

  @QueryRoute({
    path: ':id/offers/:offerId',
    operationId: 'getOffer',
    summary:
      'One offer as the caller may read it (404 for an approver not in its chain, or the candidate before it is extended)',
    roles: READERS,
    candidateScope: 'id',
    revisioned: true,
    response: OfferViewFor,
    problems: [404],
  })
  async get(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor | OfferView> {
    const read = await this.offers.load(candidateStreamName(id));
    return replyWithOffer(caller.reply, read, id, offerId, caller.principal);
  }
}
