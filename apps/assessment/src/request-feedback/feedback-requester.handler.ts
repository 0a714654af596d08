import { candidateStreamName } from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import { Inject, Injectable } from '@nestjs/common';
import { AssessmentConfig } from '../assessment.config';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { INTERVIEW_GUIDES, type InterviewGuides } from '../interview-guides/interview-guides';
import type { FeedbackDueCommand } from './feedback-due.commands';

const HOUR_MS = 3_600_000;

/**
 * Carries out the feedback-due reaction's commands on the candidate's stream.
 * Asking a panel for feedback first reads the stream for the job and the
 * interview's kind and looks up the rubric of the job's kit for that kind, so
 * the request stamps the version current at completion; the decision is then
 * taken on the stream (nobody is asked twice).
 */
@Injectable()
export class FeedbackRequester {
  constructor(
    @Inject(FEEDBACK) private readonly feedback: FeedbackGateway,
    @Inject(INTERVIEW_GUIDES) private readonly guides: InterviewGuides,
    private readonly config: AssessmentConfig,
  ) {}

  /** `occurredAt`: when the event reacted to happened (the completion's time). */
  async run(
    command: FeedbackDueCommand,
    context: CommandContext,
    occurredAt: string,
  ): Promise<void> {
    if (command.type === 'WithdrawFeedbackRequests') {
      await this.feedback.handle(command, context);
      return;
    }
    const { candidateId, interviewId } = command.data;
    const completedAt = Date.parse(occurredAt);
    if (Number.isNaN(completedAt)) {
      throw new Error(
        `the completion of interview ${interviewId} has no readable time: ${occurredAt}`,
      );
    }
    const { state } = await this.feedback.load(candidateStreamName(candidateId));
    const interview = state.interviews.get(interviewId);
    const rubric =
      state.jobId === null || interview === undefined
        ? null
        : await this.guides.rubricForInterview(state.jobId, interview.kind);
    const dueAt = new Date(completedAt + this.config.FEEDBACK_DUE_HOURS * HOUR_MS).toISOString();
    await this.feedback.handle(
      { type: 'RequestFeedback', data: { candidateId, interviewId, dueAt, rubric } },
      context,
    );
  }
}
