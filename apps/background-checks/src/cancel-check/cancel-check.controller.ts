import { checkReasonText } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { CHECK_OPERATORS } from '../checks/background-check-roles';
import { CheckParams } from '../checks/background-check.params';
import { CheckView, replyWithCheck } from '../checks/background-check.view';

const CancelCheckBody = Type.Object(
  { note: Type.Optional(checkReasonText()) },
  { title: 'CancelBackgroundCheck', additionalProperties: false },
);
type CancelCheckBody = Static<typeof CancelCheckBody>;

@ApiTags('background-checks')
@Controller('candidates')
export class CancelCheckController {
  constructor(@Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway) {}

  @CommandRoute({
    path: ':id/background-checks/:checkId/cancellation',
    operationId: 'cancelBackgroundCheck',
    summary:
      "Stop a check that is not over (after the candidate declined or withdrew consent, or on the recruiter's own call); the order is cancelled with the provider",
    roles: CHECK_OPERATORS,
    revisioned: true,
    response: CheckView,
    problems: [404, 409],
  })
  async cancel(
    @ValidParams(CheckParams) { id, checkId }: CheckParams,
    @ValidBody(CancelCheckBody) { note }: CancelCheckBody,
    @Caller() caller: CommandCaller,
  ): Promise<CheckView> {
    const outcome = await this.checks.handle(
      {
        type: 'CancelBackgroundCheck',
        data: {
          candidateId: id,
          checkId,
          cause: 'recruiter',
          note: note ?? null,
          cancelledBy: caller.principal.subject,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithCheck(caller.reply, outcome, id);
  }
}
