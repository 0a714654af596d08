import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_AUTHORS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams } from '../feedback/feedback.params';
import { OwnFeedbackView, replyWithOwnFeedback } from '../feedback/feedback.view';
import { SubmitFeedbackBody } from '../feedback/scorecard.dto';

@ApiTags('feedback')
@Controller('candidates')
export class SubmitFeedbackController {
  constructor(@Inject(FEEDBACK) private readonly feedback: FeedbackGateway) {}

  @CommandRoute({
    path: ':id/interviews/:interviewId/feedback',
    operationId: 'submitFeedback',
    summary:
      "Submit one's own feedback on a completed interview one sat on, once: every criterion of the stamped rubric rated, strengths, concerns, notes and a recommendation",
    roles: FEEDBACK_AUTHORS,
    revisioned: true,
    response: OwnFeedbackView,
    problems: [404, 409],
  })
  async submit(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @ValidBody(SubmitFeedbackBody) body: SubmitFeedbackBody,
    @Caller() caller: CommandCaller,
  ): Promise<OwnFeedbackView> {
    const author = feedbackCallerOf(caller.principal);
    const outcome = await this.feedback.handle(
      {
        type: 'SubmitFeedback',
        data: { candidateId: id, interviewId, author, ...body, notes: body.notes ?? null },
      },
      caller.context,
      caller.options,
    );
    return replyWithOwnFeedback(caller.reply, outcome, id, interviewId, author);
  }
}
