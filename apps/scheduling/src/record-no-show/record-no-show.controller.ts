import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
    @Caller() caller: CommandCaller,
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
      caller.context,
      caller.options,
    );
    return replyWithInterview(caller.reply, outcome, id, interviewId, caller.principal);
  }
}
