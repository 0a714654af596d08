import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_AUTHORS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams } from '../feedback/feedback.params';
import { OwnFeedbackView, replyWithOwnFeedback } from '../feedback/feedback.view';

@ApiTags('feedback')
@Controller('candidates')
export class ReadOwnFeedbackController {
  constructor(@Inject(FEEDBACK) private readonly feedback: FeedbackGateway) {}

  @QueryRoute({
    path: ':id/interviews/:interviewId/feedback/mine',
    operationId: 'readOwnFeedback',
    summary:
      "One's own feedback on an interview one sits on: the request and its due time, the draft, the submission and its amendments (reveals nobody else's)",
    roles: FEEDBACK_AUTHORS,
    revisioned: true,
    response: OwnFeedbackView,
    problems: [404, 409],
  })
  async read(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<OwnFeedbackView> {
    const loaded = await this.feedback.load(candidateStreamName(id));
    return replyWithOwnFeedback(
      caller.reply,
      loaded,
      id,
      interviewId,
      feedbackCallerOf(caller.principal),
    );
  }
}
