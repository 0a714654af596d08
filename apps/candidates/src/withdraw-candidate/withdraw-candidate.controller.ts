import {
  type ActingPrincipal,
  CandidateScope,
  CurrentPrincipal,
  ExpectedRevision,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CandidateCommandService } from '../common/candidate-command.service';
import { CandidateIdParams } from '../common/candidate-id.params';
import { replyWithCandidate, type CandidateView } from '../common/candidate.view';
import { WithdrawCandidateDto } from './withdraw-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class WithdrawCandidateController {
  constructor(private readonly commands: CandidateCommandService) {}

  @IdempotentPost(':id/withdrawal')
  @Roles('candidate', 'recruiter', 'admin')
  @CandidateScope('id')
  @ApiOperation({
    summary: 'Withdraw the candidacy (the candidate themself, or a recruiter for them)',
  })
  async withdraw(
    @Param() { id }: CandidateIdParams,
    @Body() body: WithdrawCandidateDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const outcome = await this.commands.execute(
      { type: 'WithdrawCandidate', data: { candidateId: id, reason: body.reason ?? null } },
      principal,
      expectedRevision,
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
