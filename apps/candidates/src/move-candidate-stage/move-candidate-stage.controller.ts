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
import { MoveCandidateStageDto } from './move-candidate-stage.dto';

@ApiTags('candidates')
@Controller('candidates')
export class MoveCandidateStageController {
  constructor(private readonly commands: CandidateCommandService) {}

  @IdempotentPost(':id/stage')
  @Roles('recruiter', 'hiring-manager', 'admin')
  @ApiOperation({ summary: 'Move the candidate forward to another stage' })
  async move(
    @Param() { id }: CandidateIdParams,
    @Body() body: MoveCandidateStageDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const outcome = await this.commands.execute(
      { type: 'MoveCandidateToStage', data: { candidateId: id, to: body.to } },
      principal,
      expectedRevision,
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
