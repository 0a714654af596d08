import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_READERS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams, CandidateParams } from '../feedback/feedback.params';
import { FeedbackListView, replyWithFeedback } from '../feedback/feedback.view';

const BLIND_RULE =
  "409 own-feedback-first while the reader sits on a completed interview of the candidate without having submitted their own feedback on it; every read that shows someone else's submitted feedback first appends FeedbackRevealed (who saw whose)";

/**
 * Reads of submitted feedback. Each is a command on the candidate's stream:
 * the reveal is appended (at the revision the decision read) before the
 * feedback leaves, so the stream proves who saw what, and when.
 */
@ApiTags('feedback')
@Controller('candidates')
export class ReadFeedbackController {
  constructor(@Inject(FEEDBACK) private readonly feedback: FeedbackGateway) {}

  @QueryRoute({
    path: ':id/interviews/:interviewId/feedback',
    operationId: 'readInterviewFeedback',
    summary: `The submitted feedback on one interview; interviewers read only interviews they sit on (404 for others); ${BLIND_RULE}`,
    roles: [...FEEDBACK_READERS, 'interviewer'],
    revisioned: true,
    response: FeedbackListView,
    problems: [404, 409],
  })
  readInterview(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<FeedbackListView> {
    return this.reveal(id, interviewId, caller);
  }

  @QueryRoute({
    path: ':id/feedback',
    operationId: 'readCandidateFeedback',
    summary: `The submitted feedback on every interview of the candidacy the reader may see (an interviewer: those they sit on); ${BLIND_RULE}`,
    roles: [...FEEDBACK_READERS, 'interviewer'],
    revisioned: true,
    response: FeedbackListView,
    problems: [404, 409],
  })
  readCandidate(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<FeedbackListView> {
    return this.reveal(id, null, caller);
  }

  private async reveal(
    candidateId: string,
    interviewId: string | null,
    caller: CommandCaller,
  ): Promise<FeedbackListView> {
    const reader = feedbackCallerOf(caller.principal);
    const outcome = await this.feedback.handle(
      { type: 'RevealFeedback', data: { candidateId, interviewId, reader } },
      caller.context,
    );
    return replyWithFeedback(caller.reply, outcome, candidateId, interviewId, reader);
  }
}
