import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';
import { WithdrawCandidateBody } from './withdraw-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class WithdrawCandidateController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @CommandRoute({
    path: ':id/withdrawal',
    operationId: 'withdrawCandidate',
    summary: 'Withdraw the candidacy (the candidate themself, or a recruiter for them)',
    roles: ['candidate', 'recruiter', 'admin'],
    candidateScope: 'id',
    revisioned: true,
    response: CandidateView,
    problems: [404, 409],
  })
  async withdraw(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(WithdrawCandidateBody) body: WithdrawCandidateBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const outcome = await this.candidates.handle(
      { type: 'WithdrawCandidate', data: { candidateId: id, reason: body.reason ?? null } },
      caller.context,
      caller.options,
    );
    return replyWithCandidate(caller.reply, outcome, caller.principal);
  }
}
