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
import type { Absentee } from '../domain/interview.commands';
import { commandContextOf } from '../common/command-context';
import { INTERVIEW_SCHEDULERS } from '../common/scheduling-roles';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewParams } from '../common/interview.params';
import { replyWithInterview, type InterviewView } from '../common/interview.view';
import { RecordNoShowDto } from './record-no-show.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RecordNoShowController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @IdempotentPost(':id/interviews/:interviewId/no-show')
  @Roles(...INTERVIEW_SCHEDULERS)
  @ApiOperation({ summary: 'Record that the candidate or a panel member did not attend' })
  async record(
    @Param() { id, interviewId }: InterviewParams,
    @Body() body: RecordNoShowDto,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewView> {
    // Validation pairs them: an interviewer id comes with, and only with, party interviewer.
    const absentee: Absentee =
      body.interviewerId === undefined
        ? { party: 'candidate' }
        : { party: 'interviewer', interviewerId: body.interviewerId };
    const outcome = await this.interviews.execute(
      {
        type: 'RecordNoShow',
        data: { candidateId: id, interviewId, absentee, now: new Date().toISOString() },
      },
      commandContextOf(principal),
      expectedRevision,
    );
    return replyWithInterview(reply, outcome, id, interviewId);
  }
}
