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
import { RecordScreeningDto } from './record-screening.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RecordScreeningController {
  constructor(private readonly commands: CandidateCommandService) {}

  @Post(':id/screening')
  @HttpCode(200)
  @Roles('recruiter', 'admin')
  @UseInterceptors(IdempotencyInterceptor)
  @ApiOperation({ summary: "Record the outcome of the candidate's initial screening" })
  async recordScreening(
    @Param() { id }: CandidateIdParams,
    @Body() body: RecordScreeningDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const outcome = await this.commands.execute(
      {
        type: 'RecordScreening',
        data: {
          candidateId: id,
          passed: body.passed,
          notes: body.notes,
          screenedBy: principal.subject,
        },
      },
      principal,
      revisionFromIfMatch(ifMatch),
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
