import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  INTERVIEW_KITS,
  type InterviewKitGateway,
} from '../interview-guides/interview-guide-gateways';
import { GUIDE_AUTHORS } from '../interview-guides/interview-guide-roles';
import {
  INTERVIEW_GUIDES,
  InterviewKitView,
  type InterviewGuides,
} from '../interview-guides/interview-guides';
import { InterviewKitParams } from '../interview-guides/interview-kit.params';
import { replyWithInterviewKit } from '../interview-guides/interview-kit.view';
import { InterviewKitBody } from './publish-interview-kit.dto';

@ApiTags('interview kits')
@Controller('jobs')
export class PublishInterviewKitController {
  constructor(
    @Inject(INTERVIEW_KITS) private readonly kits: InterviewKitGateway,
    @Inject(INTERVIEW_GUIDES) private readonly guides: InterviewGuides,
  ) {}

  @CommandRoute({
    method: 'PUT',
    path: ':jobId/interview-kits/:kind',
    operationId: 'publishInterviewKit',
    summary:
      "Publish the next version of the job's kit for an interview kind (200 for every version); its rubric must exist and have every criterion its questions name; the same content as the current version publishes nothing",
    roles: GUIDE_AUTHORS,
    revisioned: true,
    response: InterviewKitView,
    problems: [409],
  })
  async publish(
    @ValidParams(InterviewKitParams) params: InterviewKitParams,
    @ValidBody(InterviewKitBody) body: InterviewKitBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewKitView> {
    const rubric = await this.guides.currentRubric(body.rubricId);
    const outcome = await this.kits.handle(
      {
        type: 'PublishInterviewKit',
        data: {
          jobId: params.jobId,
          interviewKind: params.kind,
          title: body.title,
          rubricId: body.rubricId,
          questions: body.questions,
          rubric,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithInterviewKit(caller.reply, params, outcome);
  }
}
