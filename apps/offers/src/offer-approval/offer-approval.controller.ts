import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OfferCommand } from '../domain/offer.commands';
import { OFFERS, type OfferGateway } from '../offers/offer-gateway';
import {
  ApproveOfferBody,
  DelegateOfferApprovalBody,
  RejectOfferApprovalBody,
} from '../offers/offer-requests.dto';
import { APPROVER_ROLES } from '../offers/offer-roles';
import { OfferParams } from '../offers/offer.params';
import { OfferView, replyWithOffer, type OfferViewFor } from '../offers/offer.view';

/**
 * The approval chain: each approver acts, as themselves (their token's
 * subject), only when it is their step's turn; to anyone not in the chain the
 * offer is as if it did not exist (404).
 */
@ApiTags('offers')
@Controller('candidates')
export class OfferApprovalController {
  constructor(@Inject(OFFERS) private readonly offers: OfferGateway) {}

  private async run(
    command: OfferCommand,
    { id, offerId }: OfferParams,
    caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const outcome = await this.offers.handle(command, caller.context, caller.options);
    return replyWithOffer(caller.reply, outcome, id, offerId, caller.principal, true);
  }

  @CommandRoute({
    path: ':id/offers/:offerId/approvals',
    operationId: 'approveOffer',
    summary:
      "Approve the version as its current approver (the caller's step must be the current one)",
    roles: APPROVER_ROLES,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  approve(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(ApproveOfferBody) body: ApproveOfferBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    return this.run(
      {
        type: 'ApproveOffer',
        data: {
          candidateId,
          offerId,
          version: body.version,
          approverId: caller.principal.subject,
          note: body.note ?? null,
        },
      },
      params,
      caller,
    );
  }

  @CommandRoute({
    path: ':id/offers/:offerId/approval-rejections',
    operationId: 'rejectOfferApproval',
    summary:
      'Reject the version as its current approver, with a reason; a new version restarts approval',
    roles: APPROVER_ROLES,
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  reject(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(RejectOfferApprovalBody) body: RejectOfferApprovalBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    return this.run(
      {
        type: 'RejectOfferApproval',
        data: { candidateId, offerId, ...body, approverId: caller.principal.subject },
      },
      params,
      caller,
    );
  }

  @CommandRoute({
    path: ':id/offers/:offerId/delegations',
    operationId: 'delegateOfferApproval',
    summary:
      "Hand a step not yet approved to a delegate, with a reason: the step's approver, or an admin",
    roles: [...APPROVER_ROLES, 'admin'],
    revisioned: true,
    response: OfferView,
    problems: [404, 409],
  })
  delegate(
    @ValidParams(OfferParams) params: OfferParams,
    @ValidBody(DelegateOfferApprovalBody) body: DelegateOfferApprovalBody,
    @Caller() caller: CommandCaller,
  ): Promise<OfferViewFor> {
    const { id: candidateId, offerId } = params;
    const { principal } = caller;
    return this.run(
      {
        type: 'DelegateOfferApproval',
        data: {
          candidateId,
          offerId,
          ...body,
          delegatedBy: principal.subject,
          byAdmin: principal.actingRole === 'admin',
        },
      },
      params,
      caller,
    );
  }
}
