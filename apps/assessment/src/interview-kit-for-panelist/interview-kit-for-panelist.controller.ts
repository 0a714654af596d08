import { AggregateNotFoundError, candidateStreamName } from '@hirestream/contracts';
import { interviewFor } from '../domain/feedback.decider';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK, type FeedbackGateway } from '../feedback/feedback-gateway';
import { FEEDBACK_READERS, feedbackCallerOf } from '../feedback/feedback-roles';
import { CandidateInterviewParams } from '../feedback/feedback.params';
import { feedbackRequestOf } from '../domain/feedback.state';
import { INTERVIEW_GUIDES, type InterviewGuides } from '../interview-guides/interview-guides';
import { PanelistKitView } from './panelist-kit.view';

@ApiTags('feedback')
@Controller('candidates')
export class InterviewKitForPanelistController {
  constructor(
    @Inject(FEEDBACK) private readonly feedback: FeedbackGateway,
    @Inject(INTERVIEW_GUIDES) private readonly guides: InterviewGuides,
  ) {}

  @QueryRoute({
    path: ':id/interviews/:interviewId/kit',
    operationId: 'getPanelistInterviewKit',
    summary:
      "The current kit of the candidate's job for the interview's kind, as its panel prepares, with the rubric version the caller rates against and its descriptors; interviewers read it only for interviews they sit on (404 for others); 404 when the job has no kit for the kind",
    roles: [...FEEDBACK_READERS, 'interviewer'],
    response: PanelistKitView,
    problems: [404],
  })
  async kit(
    @ValidParams(CandidateInterviewParams) { id, interviewId }: CandidateInterviewParams,
    @Caller() caller: CommandCaller,
  ): Promise<PanelistKitView> {
    const { state } = await this.feedback.load(candidateStreamName(id));
    const reader = feedbackCallerOf(caller.principal);
    const interview = interviewFor(state, interviewId, reader);
    if (state.jobId === null) {
      throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
    }
    const kit = await this.guides.kitFor(state.jobId, interview.kind);
    if (kit === null) {
      throw new AggregateNotFoundError(`job ${state.jobId} has no ${interview.kind} interview kit`);
    }
    // A panelist rates against the version stamped on their request, even if the rubric has moved on since.
    const stamped = feedbackRequestOf(state, interviewId, reader.id)?.rubric ?? null;
    const rubric =
      stamped === null
        ? await this.guides.rubricVersion(kit.rubricId)
        : await this.guides.rubricVersion(stamped.rubricId, stamped.version);
    return { kit, rubric };
  }
}
