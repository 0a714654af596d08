import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { AggregateNotFoundError, candidateStreamName } from '@hirestream/contracts';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InterviewParams } from '../interviews/interview.params';
import { InterviewViewFor, replyWithInterview } from '../interviews/interview.view';
import { isStaffReader, STAFF_READERS } from '../interviews/scheduling-roles';
import { InterviewsProjection } from '../interviews-projection/interviews.projection';

@ApiTags('interviews')
@Controller('candidates')
export class GetInterviewController {
  constructor(private readonly interviews: InterviewsProjection) {}

  @QueryRoute({
    path: ':id/interviews/:interviewId',
    operationId: 'getInterview',
    summary:
      'One interview with its history, from a projection; interviewers read only the interviews they sit on (404 for any other)',
    roles: [...STAFF_READERS, 'candidate', 'interviewer'],
    candidateScope: 'id',
    revisioned: true,
    response: InterviewViewFor,
    problems: [404],
  })
  async get(
    @ValidParams(InterviewParams) { id, interviewId }: InterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewViewFor> {
    await this.interviews.afterOwnWrites(candidateStreamName(id));
    const read = await this.interviews.candidate(id);
    const interview = read === undefined ? undefined : read.state.interviews.get(interviewId);
    const onPanel = interview?.panel.some(
      (member) => member.interviewerId === caller.principal.subject,
    );
    // An interviewer learns nothing of interviews they do not sit on, not even that they exist.
    const mayRead =
      caller.principal.actingRole !== 'interviewer' || isStaffReader(caller.principal) || onPanel;
    if (read === undefined || interview === undefined || !mayRead) {
      throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
    }
    return replyWithInterview(caller.reply, read, id, interviewId, caller.principal);
  }
}
