import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { CHECK_OPERATORS } from '../checks/background-check-roles';
import { CandidateParams } from '../checks/background-check.params';
import { CheckView, replyWithCheck } from '../checks/background-check.view';
import { CHECK_POLICIES } from '../checks/check-policies.provider';
import type { CheckPolicies } from '../domain/check-policies';

@ApiTags('background-checks')
@Controller('candidates')
export class InitiateCheckController {
  constructor(
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(CHECK_POLICIES) private readonly policies: CheckPolicies,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    path: ':id/background-checks',
    operationId: 'initiateBackgroundCheck',
    summary:
      "Start a check for a candidate in the background-check stage (the service also does on the stage change), with the package and jurisdiction in force for the job; nothing is ordered before the candidate's consent",
    roles: CHECK_OPERATORS,
    creates: true,
    revisioned: true,
    response: CheckView,
    problems: [404, 409],
  })
  async initiate(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    const checkId = randomUUID();
    const outcome = await this.checks.handle(
      {
        type: 'InitiateBackgroundCheck',
        data: { candidateId: id, checkId, now: this.clock.instant(), policies: this.policies },
      },
      caller.context,
      caller.options,
    );
    caller.reply.header('location', `/candidates/${id}/background-check`);
    return replyWithCheck(caller.reply, outcome, id, checkId);
  }
}
