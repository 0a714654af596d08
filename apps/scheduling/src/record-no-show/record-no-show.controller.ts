import { commandContextOf } from '@hirestream/event-sourcing';
import {
  CommandRoute,
  CurrentPrincipal,
  ExpectedRevision,
  ValidBody,
  ValidParams,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Absentee } from '../domain/interview.commands';
import { InterviewParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { INTERVIEW_SCHEDULERS } from '../interviews/scheduling-roles';
import { INTERVIEWS, type InterviewGateway } from '../scheduling-gateways';
import { noShowPairing, RecordNoShowBody } from './record-no-show.dto';

@ApiTags('interviews')
@Controller('candidates')
export class RecordNoShowController {
  constructor(@Inject(INTERVIEWS) private readonly interviews: InterviewGateway) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/no-show',
    operationId: 'recordNoShow',
    summary: 'Record that the candidate or a panel member did not attend',
    roles: INTERVIEW_SCHEDULERS,
    revisioned: true,
    response: InterviewViewFor,
    problems: [404, 409],
  })
  async record(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @ValidBody(RecordNoShowBody, noShowPairing) body: RecordNoShowBody,
    @ExpectedRevision() expectedRevision: bigint | undefined,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewViewFor> {
    const absentee: Absentee =
      body.interviewerId === undefined
        ? { party: 'candidate' }
        : { party: 'interviewer', interviewerId: body.interviewerId };
    const outcome = await this.interviews.handle(
      {
        type: 'RecordNoShow',
        data: { candidateId: id, interviewId, absentee, now: new Date().toISOString() },
      },
      commandContextOf({ principal }),
      { expectedRevision },
    );
    return replyWithInterview(reply, outcome, id, interviewId, principal);
  }
}
