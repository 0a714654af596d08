import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_AUTHORS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams } from '../feedback/feedback.params';
import { OwnFeedbackView, replyWithOwnFeedback } from '../feedback/feedback.view';
import { AmendFeedbackBody } from '../feedback/scorecard.dto';

@ApiTags('feedback')
@Controller('candidates')
export class AmendFeedbackController {
  constructor(@Inject(FEEDBACK) private readonly feedback: FeedbackGateway) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/feedback/amendments',
    operationId: 'amendFeedback',
    summary:
      "Amend one's own submitted feedback, with a reason, until the panel decision of the interview's round; the original stays in the history",
    roles: FEEDBACK_AUTHORS,
    revisioned: true,
    response: OwnFeedbackView,
    problems: [404, 409],
  })
  async amend(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @ValidBody(AmendFeedbackBody) body: AmendFeedbackBody,
    @Caller() caller: CommandCaller,
  ): Promise<OwnFeedbackView> {
    const author = feedbackCallerOf(caller.principal);
    const outcome = await this.feedback.handle(
      {
        type: 'AmendFeedback',
        data: { candidateId: id, interviewId, author, ...body, notes: body.notes ?? null },
      },
      caller.context,
      caller.options,
    );
    return replyWithOwnFeedback(caller.reply, outcome, id, interviewId, author);
  }
}
