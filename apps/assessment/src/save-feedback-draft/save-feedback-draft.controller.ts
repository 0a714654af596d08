import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_AUTHORS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams } from '../feedback/feedback.params';
import { OwnFeedbackView, replyWithOwnFeedback } from '../feedback/feedback.view';
import { FeedbackDraftBody } from './feedback-draft.dto';

@ApiTags('feedback')
@Controller('candidates')
export class SaveFeedbackDraftController {
  constructor(@Inject(FEEDBACK) private readonly feedback: FeedbackGateway) {}

  @CommandRoute({
    method: 'PUT',
    path: ':id/interviews/:interviewId/feedback/draft',
    operationId: 'saveFeedbackDraft',
    summary:
      "Save a draft of one's own feedback on a completed interview one sat on (drafts never count); replaces the previous draft",
    roles: FEEDBACK_AUTHORS,
    revisioned: true,
    response: OwnFeedbackView,
    problems: [404, 409],
  })
  async save(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @ValidBody(FeedbackDraftBody) body: FeedbackDraftBody,
    @Caller() caller: CommandCaller,
  ): Promise<OwnFeedbackView> {
    const author = feedbackCallerOf(caller.principal);
    const outcome = await this.feedback.handle(
      {
        type: 'SaveFeedbackDraft',
        data: {
          candidateId: id,
          interviewId,
          author,
          ratings: body.ratings ?? [],
          strengths: body.strengths ?? null,
          concerns: body.concerns ?? null,
          notes: body.notes ?? null,
          recommendation: body.recommendation ?? null,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithOwnFeedback(caller.reply, outcome, id, interviewId, author);
  }
}
