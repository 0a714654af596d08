import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { OfferPolicies } from '../domain/offer-policies';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { DraftOfferBody } from '../offers/offer-requests.dto';
import { OFFER_MAKERS } from '../offers/offer-roles';
import { CandidateParams, OfferParams } from '../offers/offer.params';
import { OfferView, replyWithOffer, type OfferViewFor } from '../offers/offer.view';
import { OFFER_POLICIES } from '../policies/offer-policies.provider';

/** Drafting: a new offer, or a new version of the open one, with the policies in force. */
@ApiTags('offers')
@Controller('candidates')
export class DraftOfferController {
  constructor(
    @Inject(OFFERS) private readonly offers: OfferGateway,
    @Inject(OFFER_POLICIES) private readonly policies: OfferPolicies,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    path: ':id/offers',
    operationId: 'draftOffer',
    summary:
      "Draft an offer (version 1): its terms, and the approval chain the rules choose for the job's level and band",
    roles: OFFER_MAKERS,
    creates: true,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  async draft(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @ValidBody(DraftOfferBody) terms: DraftOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const offerId = randomUUID();
    const outcome = await this.offers.handle(
      {
        type: 'DraftOffer',
        data: {
          candidateId: id,
          offerId,
          terms,
          policies: this.policies,
          now: this.clock.instant(),
        },
      },
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/offers/${offerId}`);
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }

  @CommandRoute({
    path: ':id/offers/:offerId/versions',
    operationId: 'reviseOffer',
    summary:
      'Draft a new version superseding the current one: a change of compensation restarts approval, other changes keep the approvals given',
    roles: OFFER_MAKERS,
    creates: true,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  async revise(
    @ValidParams(OfferParams) { id, offerId }: OfferParams,
    @ValidBody(DraftOfferBody) terms: DraftOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const outcome = await this.offers.handle(
      {
        type: 'ReviseOffer',
        data: {
          candidateId: id,
          offerId,
          terms,
          policies: this.policies,
          now: this.clock.instant(),
        },
      },
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/offers/${offerId}`);
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }
}
