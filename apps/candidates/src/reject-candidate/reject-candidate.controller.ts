import {
  type ActingPrincipal,
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
import { RejectCandidateDto } from './reject-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RejectCandidateController {
  constructor(private readonly commands: CandidateCommandService) {}

  @IdempotentPost(':id/rejection')
  @Roles('recruiter', 'hiring-manager', 'admin')
  @ApiOperation({ summary: 'Reject the candidate, with a reason and feedback for them' })
  async reject(
    @Param() { id }: CandidateIdParams,
    @Body() body: RejectCandidateDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const outcome = await this.commands.execute(
      {
        type: 'RejectCandidate',
        data: {
          candidateId: id,
          category: body.category,
          reason: body.reason,
          feedbackForCandidate: body.feedbackForCandidate ?? null,
        },
      },
      principal,
      expectedRevision,
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
