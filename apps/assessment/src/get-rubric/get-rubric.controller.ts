import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { rubricStreamName } from '../domain/rubric.decider';
import { RUBRICS, type RubricGateway } from '../interview-guides/interview-guide-gateways';
import { GUIDE_READERS } from '../interview-guides/interview-guide-roles';
import { RubricParams, RubricVersionParams } from '../interview-guides/rubric.params';
import { replyWithRubric, rubricVersionOf, RubricView } from '../interview-guides/rubric.view';

@ApiTags('rubrics')
@Controller('rubrics')
export class GetRubricController {
  constructor(@Inject(RUBRICS) private readonly rubrics: RubricGateway) {}

  @QueryRoute({
    path: ':rubricId',
    operationId: 'getRubric',
    summary: "A rubric's current version; ETag is the stream revision (for If-Match)",
    roles: GUIDE_READERS,
    revisioned: true,
    response: RubricView,
    problems: [404],
  })
  async current(
    @ValidParams(RubricParams) { rubricId }: RubricParams,
    @Caller() caller: CommandCaller,
  ): Promise<RubricView> {
    const loaded = await this.rubrics.load(rubricStreamName(rubricId));
    return replyWithRubric(caller.reply, rubricId, loaded);
  }

  @QueryRoute({
    path: ':rubricId/versions/:version',
    operationId: 'getRubricVersion',
    summary:
      'Any published version of a rubric, so feedback stamped with it is read against its own descriptors',
    roles: GUIDE_READERS,
    response: RubricView,
    problems: [404],
  })
  async version(
    @ValidParams(RubricVersionParams) { rubricId, version }: RubricVersionParams,
  ): Promise<RubricView> {
    const { state } = await this.rubrics.load(rubricStreamName(rubricId));
    return rubricVersionOf(rubricId, state, version);
  }
}
