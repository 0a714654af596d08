import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { interviewKitStreamName } from '../domain/interview-kit.stream';
import {
  INTERVIEW_KITS,
  type InterviewKitGateway,
} from '../interview-guides/interview-guide-gateways';
import { GUIDE_READERS } from '../interview-guides/interview-guide-roles';
import { InterviewKitView } from '../interview-guides/interview-guides';
import { InterviewKitParams } from '../interview-guides/interview-kit.params';
import { replyWithInterviewKit } from '../interview-guides/interview-kit.view';

@ApiTags('interview kits')
@Controller('jobs')
export class GetInterviewKitController {
  constructor(@Inject(INTERVIEW_KITS) private readonly kits: InterviewKitGateway) {}

  @QueryRoute({
    path: ':jobId/interview-kits/:kind',
    operationId: 'getInterviewKit',
    summary:
      "The current version of the job's kit for an interview kind, as its authors see it; ETag is the stream revision",
    roles: GUIDE_READERS,
    revisioned: true,
    response: InterviewKitView,
    problems: [404],
  })
  async get(
    @ValidParams(InterviewKitParams) params: InterviewKitParams,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewKitView> {
    const loaded = await this.kits.load(interviewKitStreamName(params.jobId, params.kind));
    return replyWithInterviewKit(caller.reply, params, loaded);
  }
}
