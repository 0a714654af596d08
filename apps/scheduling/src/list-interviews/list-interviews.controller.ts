import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { AggregateNotFoundError, candidateStreamName } from '@hirestream/contracts';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CandidateIdParams } from '../interviews/interview.params';
import {
  InterviewList,
  replyWithInterviews,
  type InterviewViewFor,
} from '../interviews/interview.view';
import { STAFF_READERS } from '../interviews/scheduling-roles';
import { InterviewsProjection } from '../interviews-projection/interviews.projection';

@ApiTags('interviews')
@Controller('candidates')
export class ListInterviewsController {
  constructor(private readonly interviews: InterviewsProjection) {}

  @QueryRoute({
    path: ':id/interviews',
    operationId: 'listInterviews',
    summary:
      "The candidate's interviews, earliest first, from a projection that includes this service's own writes; ETag is the candidate stream's revision it reflects",
    roles: [...STAFF_READERS, 'candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: InterviewList,
    problems: [404],
  })
  async list(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @Caller() caller: CommandCaller,
  ): Promise<{ interviews: InterviewViewFor[] }> {
    await this.interviews.afterOwnWrites(candidateStreamName(id));
    const read = await this.interviews.candidate(id);
    if (read === undefined) throw new AggregateNotFoundError(`candidate ${id} does not exist`);
    return replyWithInterviews(caller.reply, read, id, caller.principal);
  }
}
