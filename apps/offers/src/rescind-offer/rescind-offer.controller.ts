import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { RecordContingencyMetBody, RescindOfferBody } from '../offers/offer-requests.dto';
import { OFFER_MAKERS } from '../offers/offer-roles';
import { OfferParams } from '../offers/offer.params';
import { OfferView, replyWithOffer, type OfferViewFor } from '../offers/offer.view';

/** What recruiters do with an offer besides drafting and extending it. */
@ApiTags('offers')
@Controller('candidates')
export class RescindOfferController {
  constructor(@Inject(OFFERS) private readonly offers: OfferGateway) {}

  @CommandRoute({
    path: ':id/offers/:offerId/rescission',
    operationId: 'rescindOffer',
    summary:
      'Rescind the offer with a reason: an open one, or an accepted one whose contingency failed (not once hired)',
    roles: OFFER_MAKERS,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  async rescind(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @ValidBody(RescindOfferBody) { reason }: RescindOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const outcome = await this.offers.handle(
      { type: 'RescindOffer', data: { candidateId: id, offerId, reason } },
      caller.context,
      caller.options,
    );
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }

  @CommandRoute({
    path: ':id/offers/:offerId/met-contingencies',
    operationId: 'recordOfferContingencyMet',
    summary:
      'Record that a contingency a person settles (right to work, references) is met, with a note',
    roles: OFFER_MAKERS,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  async recordMet(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @ValidBody(RecordContingencyMetBody) body: RecordContingencyMetBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const outcome = await this.offers.handle(
      { type: 'RecordContingencyMet', data: { candidateId: id, offerId, ...body } },
      caller.context,
      caller.options,
    );
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }
}
