import {
  CurrentPrincipal,
  IdempotencyInterceptor,
  revisionFromIfMatch,
  Roles,
  type ActingPrincipal,
} from '@hirestream/platform';
import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Param,
  Post,
  Res,
  UseInterceptors,
} from '@nestjs/common';
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

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('recruiter', 'hiring-manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Reject the candidate, with a reason and feedback for them' })
  async reject(
    @Param() { id }: CandidateIdParams,
    @Body() body: RejectCandidateDto,
    @Headers('if-match') ifMatch: string | undefined,
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
      revisionFromIfMatch(ifMatch),
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
