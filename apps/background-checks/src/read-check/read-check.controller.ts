import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { CHECK_READERS } from '../checks/background-check-roles';
import { CandidateParams } from '../checks/background-check.params';
import {
  CandidateCheckView,
  CheckView,
  replyWithCandidateCheck,
  replyWithCheck,
} from '../checks/background-check.view';
import { CHECK_POLICIES } from '../checks/check-policies.provider';
import type { CheckPolicies } from '../domain/check-policies';

/** Reads from the candidate's stream (exact; the gateway keeps recently read states). */
@ApiTags('background-checks')
@Controller('candidates')
export class ReadCheckController {
  constructor(
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(CHECK_POLICIES) private readonly policies: CheckPolicies,
  ) {}

  @QueryRoute({
    path: ':id/background-check',
    operationId: 'getBackgroundCheck',
    summary:
      "The candidacy's current background check whole: items with their status, result summary and report reference (never the report), adjudications and the adverse-action sequence",
    roles: CHECK_READERS,
    revisioned: true,
    response: CheckView,
    problems: [404],
  })
  async read(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    return replyWithCheck(caller.reply, await this.checks.load(candidateStreamName(id)), id);
  }

  @QueryRoute({
    path: ':id/background-check/for-candidate',
    operationId: 'getBackgroundCheckForCandidate',
    summary:
      'What the candidate is shown of their check: the disclosure to consent to (with its text and SHA-256) and the notices sent to them',
    roles: [...CHECK_READERS, 'candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: CandidateCheckView,
    problems: [404],
  })
  async readForCandidate(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const read = await this.checks.load(candidateStreamName(id));
    return replyWithCandidateCheck(caller.reply, read, id, this.policies);
  }
}
