import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { RUBRICS, type RubricGateway } from '../interview-guides/interview-guide-gateways';
import { GUIDE_AUTHORS } from '../interview-guides/interview-guide-roles';
import { RubricBody } from '../interview-guides/rubric.dto';
import { replyWithRubric, RubricView } from '../interview-guides/rubric.view';

@ApiTags('rubrics')
@Controller('rubrics')
export class PublishRubricController {
  constructor(@Inject(RUBRICS) private readonly rubrics: RubricGateway) {}

  @CommandRoute({
    path: '',
    operationId: 'publishRubric',
    summary: 'Publish a new rubric as its version 1: criteria, weights and rating descriptors',
    roles: GUIDE_AUTHORS,
    creates: true,
    revisioned: true,
    response: RubricView,
    problems: [409],
  })
  async publish(
    @ValidBody(RubricBody) body: RubricBody,
    @Caller() caller: CommandCaller,
  ): Promise<RubricView> {
    const rubricId = randomUUID();
    const outcome = await this.rubrics.handle(
      { type: 'PublishRubric', data: { rubricId, name: body.name, criteria: body.criteria } },
      caller.context,
      // A new rubric names a freshly generated id, so there is nothing to read first.
      { streamIsNew: true },
    );
    caller.reply.header('location', `/rubrics/${rubricId}`);
    return replyWithRubric(caller.reply, rubricId, outcome);
  }
}
