import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { CheckParams } from '../checks/background-check.params';
import { CandidateCheckView, replyWithCandidateCheck } from '../checks/background-check.view';
import { CHECK_POLICIES } from '../checks/check-policies.provider';
import type { BackgroundCheckCommand } from '../domain/background-check.commands';
import type { CheckPolicies } from '../domain/check-policies';
import { ConsentAnswerBody, WithdrawConsentBody } from './consent.dto';

const CONSENT_ROUTE = {
  roles: ['candidate'],
  candidateScope: 'id',
  revisioned: true,
  response: CandidateCheckView,
  problems: [404, 409],
} as const;

/** The candidate's own consent: given or declined against the disclosure shown, or withdrawn. */
@ApiTags('background-checks')
@Controller('candidates')
export class ConsentController {
  constructor(
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(CHECK_POLICIES) private readonly policies: CheckPolicies,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    ...CONSENT_ROUTE,
    path: ':id/background-checks/:checkId/consent',
    operationId: 'giveBackgroundCheckConsent',
    summary:
      'The candidate authorizes the check, naming the SHA-256 of the disclosure they read; recorded with the time',
  })
  give(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(ConsentAnswerBody) { disclosureSha256 }: ConsentAnswerBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const now = this.clock.instant();
    return this.decide(
      { type: 'GiveConsent', data: { candidateId: id, checkId, disclosureSha256, now } },
      caller,
    );
  }

  @CommandRoute({
    ...CONSENT_ROUTE,
    path: ':id/background-checks/:checkId/consent-declined',
    operationId: 'declineBackgroundCheckConsent',
    summary: 'The candidate declines to authorize the check; nothing is ordered',
  })
  decline(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(ConsentAnswerBody) { disclosureSha256 }: ConsentAnswerBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const now = this.clock.instant();
    return this.decide(
      { type: 'DeclineConsent', data: { candidateId: id, checkId, disclosureSha256, now } },
      caller,
    );
  }

  @CommandRoute({
    ...CONSENT_ROUTE,
    path: ':id/background-checks/:checkId/consent-withdrawn',
    operationId: 'withdrawBackgroundCheckConsent',
    summary:
      'The candidate withdraws their authorization before the check completes; the check stops and a recruiter decides what follows',
  })
  withdraw(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(WithdrawConsentBody) { reason }: WithdrawConsentBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const now = this.clock.instant();
    return this.decide(
      {
        type: 'WithdrawConsent',
        data: { candidateId: id, checkId, reason: reason ?? null, now },
      },
      caller,
    );
  }

  private async decide(
    command: BackgroundCheckCommand,
    caller: CommandCaller,
  ): Promise<CandidateCheckView> {
    const outcome = await this.checks.handle(command, caller.context, caller.options);
    return replyWithCandidateCheck(caller.reply, outcome, command.data.candidateId, this.policies);
  }
}
