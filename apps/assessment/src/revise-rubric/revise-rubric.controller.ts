import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RUBRICS, type RubricGateway } from '../interview-guides/interview-guide-gateways';
import { GUIDE_AUTHORS } from '../interview-guides/interview-guide-roles';
import { RubricBody } from '../interview-guides/rubric.dto';
import { RubricParams } from '../interview-guides/rubric.params';
import { replyWithRubric, RubricView } from '../interview-guides/rubric.view';

@ApiTags('rubrics')
@Controller('rubrics')
export class ReviseRubricController {
  constructor(@Inject(RUBRICS) private readonly rubrics: RubricGateway) {}

  @CommandRoute({
    method: 'PUT',
    path: ':rubricId',
    operationId: 'reviseRubric',
    summary:
      'Publish the next version of a rubric (the earlier versions stay as they were); the same content as the current version publishes nothing',
    roles: GUIDE_AUTHORS,
    revisioned: true,
    response: RubricView,
    problems: [404, 409],
  })
  async revise(
    @ValidParams(RubricParams) { rubricId }: RubricParams,
    @ValidBody(RubricBody) body: RubricBody,
    @Caller() caller: CommandCaller,
  ): Promise<RubricView> {
    const outcome = await this.rubrics.handle(
      { type: 'ReviseRubric', data: { rubricId, name: body.name, criteria: body.criteria } },
      caller.context,
      caller.options,
    );
    return replyWithRubric(caller.reply, rubricId, outcome);
  }
}
