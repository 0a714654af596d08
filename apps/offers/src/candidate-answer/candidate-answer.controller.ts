import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OfferCommand } from '../domain/offer.commands';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import { AcceptOfferBody, CounterOfferBody, DeclineOfferBody } from '../offers/offer-requests.dto';
import { OfferParams } from '../offers/offer.params';
import { CandidateOfferView, replyWithOffer, type OfferViewFor } from '../offers/offer.view';

const candidateRoute = (path: string, operationId: string, summary: string) =>
  CommandRoute({
    path: `:id/offers/:offerId/${path}`,
    operationId,
    summary,
    roles: ['candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: CandidateOfferView,
    problems: [404, 409],
  });

/** The candidate's answer to the version extended to them, with their own token, before it expires. */
@ApiTags('offers')
@Controller('candidates')
export class CandidateAnswerController {
  constructor(
    @Inject(OFFERS) private readonly offers: OfferGateway,
    private readonly clock: Clock,
  ) {}

  private async run(
    command: OfferCommand,
    { id, offerId }: OfferParams,
    caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const outcome = await this.offers.handle(command, caller.context, caller.options);
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal);
  }

  @candidateRoute(
    'acceptance',
    'acceptOffer',
    'Accept the extended version, typing your full name as on your application',
  )
  accept(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(AcceptOfferBody) body: AcceptOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    const data = { candidateId, offerId, ...body, now: this.clock.instant() };
    return this.run({ type: 'AcceptOffer', data }, params, caller);
  }

  @candidateRoute('declination', 'declineOffer', 'Decline the extended version: a category and why')
  decline(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(DeclineOfferBody) body: DeclineOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    const data = { candidateId, offerId, ...body, now: this.clock.instant() };
    return this.run({ type: 'DeclineOffer', data }, params, caller);
  }

  @candidateRoute(
    'counter',
    'counterOffer',
    'Counter the extended version: the changes you propose and a message',
  )
  counter(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(CounterOfferBody) body: CounterOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    const data = { candidateId, offerId, ...body, now: this.clock.instant() };
    return this.run({ type: 'CounterOffer', data }, params, caller);
  }
}
