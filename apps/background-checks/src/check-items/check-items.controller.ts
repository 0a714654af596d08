import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { STAFF_CHECK_COMMAND } from '../checks/background-check-roles';
import { CheckItemParams } from '../checks/background-check.params';
import { CheckView, replyWithCheck } from '../checks/background-check.view';
import type { BackgroundCheckCommand } from '../domain/background-check.commands';
import { AdjudicateItemBody, CancelItemBody, RecordReferenceBody } from './check-items.dto';

const ITEM_ROUTE = { ...STAFF_CHECK_COMMAND, response: CheckView };

/** A recruiter's work on single items: reference checks, cancellation, adjudication. */
@ApiTags('background-checks')
@Controller('candidates')
export class CheckItemsController {
  constructor(@Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway) {}

  @CommandRoute({
    ...ITEM_ROUTE,
    path: ':id/background-checks/:checkId/items/:itemId/reference',
    operationId: 'recordReferenceCheck',
    summary:
      "Complete a reference-check item with the reference's answers and the result; the check completes with its last final item",
  })
  recordReference(
    @ValidParams(CheckItemParams) { id, checkId, itemId }: CheckItemParams,
    @ValidBody(RecordReferenceBody) body: RecordReferenceBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decide(
      {
        type: 'RecordReferenceCheck',
        data: { candidateId: id, checkId, itemId, ...body, recordedBy: caller.principal.subject },
      },
      caller,
    );
  }

  @CommandRoute({
    ...ITEM_ROUTE,
    path: ':id/background-checks/:checkId/items/:itemId/cancellation',
    operationId: 'cancelCheckItem',
    summary: 'Cancel one item not yet final (it cannot or need not be verified), with a reason',
  })
  cancelItem(
    @ValidParams(CheckItemParams) { id, checkId, itemId }: CheckItemParams,
    @ValidBody(CancelItemBody) { reason }: CancelItemBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decide(
      {
        type: 'CancelCheckItem',
        data: { candidateId: id, checkId, itemId, reason, cancelledBy: caller.principal.subject },
      },
      caller,
    );
  }

  @CommandRoute({
    ...ITEM_ROUTE,
    path: ':id/background-checks/:checkId/items/:itemId/adjudication',
    operationId: 'adjudicateCheckItem',
    summary:
      'Adjudicate a consider or suspended item of a completed check: engage (proceed) or begin adverse action, with a reason',
  })
  adjudicate(
    @ValidParams(CheckItemParams) { id, checkId, itemId }: CheckItemParams,
    @ValidBody(AdjudicateItemBody) body: AdjudicateItemBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decide(
      {
        type: 'AdjudicateItem',
        data: {
          candidateId: id,
          checkId,
          itemId,
          ...body,
          adjudicatedBy: caller.principal.subject,
        },
      },
      caller,
    );
  }

  private async decide(command: BackgroundCheckCommand, caller: CommandCaller): Promise<CheckView> {
    const outcome = await this.checks.handle(command, caller.context, caller.options);
    return replyWithCheck(caller.reply, outcome, command.data.candidateId);
  }
}
