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
import { RecordScreeningDto } from './record-screening.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RecordScreeningController {
  constructor(private readonly commands: CandidateCommandService) {}

  @IdempotentPost(':id/screening')
  @Roles('recruiter', 'admin')
  @ApiOperation({ summary: "Record the outcome of the candidate's initial screening" })
  async recordScreening(
    @Param() { id }: CandidateIdParams,
    @Body() body: RecordScreeningDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
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
      expectedRevision,
    );
    return replyWithCandidate(reply, outcome, principal);
  }
}
