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
import { MoveCandidateStageDto } from './move-candidate-stage.dto';

@ApiTags('candidates')
@Controller('candidates')
export class MoveCandidateStageController {
  constructor(private readonly commands: CandidateCommandService) {}

  @Post(':id/stage')
  @HttpCode(200)
  @Roles('recruiter', 'hiring-manager', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: 'Move the candidate forward to another stage' })
  async move(
    @Param() { id }: CandidateIdParams,
    @Body() body: MoveCandidateStageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const outcome = await this.commands.execute(
      { type: 'MoveCandidateToStage', data: { candidateId: id, to: body.to } },
      principal,
      revisionFromIfMatch(ifMatch),
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
