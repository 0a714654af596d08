import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { STAFF_CHECK_COMMAND } from '../checks/background-check-roles';
import { CheckParams } from '../checks/background-check.params';
import {
  CandidateCheckView,
  CheckView,
  replyWithCandidateCheck,
  replyWithCheck,
} from '../checks/background-check.view';
import { CHECK_POLICIES } from '../checks/check-policies.provider';
import type { BackgroundCheckCommand } from '../domain/background-check.commands';
import type { CheckPolicies } from '../domain/check-policies';
import {
  DisputeBody,
  FinalAdverseActionBody,
  ResolveDisputeBody,
  SendNoticeBody,
} from './adverse-action.dto';

const STAFF_ROUTE = { ...STAFF_CHECK_COMMAND, response: CheckView };

/** The adverse-action sequence: notice, the candidate's dispute, its resolution, the final action. */
@ApiTags('background-checks')
@Controller('candidates')
export class AdverseActionController {
  constructor(
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(CHECK_POLICIES) private readonly policies: CheckPolicies,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    ...STAFF_ROUTE,
    path: ':id/background-checks/:checkId/pre-adverse-action-notice',
    operationId: 'sendPreAdverseActionNotice',
    summary:
      "Send the pre-adverse-action notice for the items adjudicated adverse-action, with the report copy and the jurisdiction's summary of rights; opens the waiting window of business days",
  })
  sendNotice(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(SendNoticeBody) { reportCopyReference }: SendNoticeBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decideAsStaff(
      {
        type: 'SendPreAdverseActionNotice',
        data: {
          candidateId: id,
          checkId,
          reportCopyReference,
          policies: this.policies,
          sentBy: caller.principal.subject,
          now: this.clock.instant(),
        },
      },
      caller,
    );
  }

  @CommandRoute({
    path: ':id/background-checks/:checkId/dispute',
    operationId: 'disputeAdverseAction',
    summary:
      'The candidate disputes the finding during the waiting window, with text; the window pauses until a recruiter resolves it',
    roles: ['candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: CandidateCheckView,
    problems: [404, 409],
  })
  async dispute(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(DisputeBody) { text }: DisputeBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const outcome = await this.checks.handle(
      {
        type: 'DisputeAdverseAction',
        data: { candidateId: id, checkId, text, now: this.clock.instant() },
      },
      caller.context,
      caller.options,
    );
    return replyWithCandidateCheck(caller.reply, outcome, id, this.policies);
  }

  @CommandRoute({
    ...STAFF_ROUTE,
    path: ':id/background-checks/:checkId/dispute-resolution',
    operationId: 'resolveAdverseActionDispute',
    summary:
      'Resolve the open dispute: corrected (the finding is withdrawn; the check engages) or upheld (the window resumes with the time it had left)',
  })
  resolve(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(ResolveDisputeBody) body: ResolveDisputeBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decideAsStaff(
      {
        type: 'ResolveDispute',
        data: {
          candidateId: id,
          checkId,
          ...body,
          resolvedBy: caller.principal.subject,
          now: this.clock.instant(),
        },
      },
      caller,
    );
  }

  @CommandRoute({
    ...STAFF_ROUTE,
    path: ':id/background-checks/:checkId/final-adverse-action',
    operationId: 'takeFinalAdverseAction',
    summary:
      'Take the final adverse action once the waiting window has ended with no open dispute (refused before, naming the earliest moment); the candidates service then rejects the candidacy',
  })
  takeFinal(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(FinalAdverseActionBody) { reason }: FinalAdverseActionBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return this.decideAsStaff(
      {
        type: 'TakeFinalAdverseAction',
        data: {
          candidateId: id,
          checkId,
          reason,
          takenBy: caller.principal.subject,
          now: this.clock.instant(),
        },
      },
      caller,
    );
  }

  private async decideAsStaff(
    command: BackgroundCheckCommand,
    caller: CommandCaller,
  ): Promise<CheckView> {
    const outcome = await this.checks.handle(command, caller.context, caller.options);
    return replyWithCheck(caller.reply, outcome, command.data.candidateId);
  }
}
