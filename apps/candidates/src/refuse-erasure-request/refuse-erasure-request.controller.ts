import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ErasureRequestParams } from '../personal-data/erasure-request.params';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { PersonalDataView, replyWithPersonalData } from '../personal-data/personal-data.view';
import { RefuseErasureRequestBody } from './refuse-erasure-request.dto';

@ApiTags('personal data')
@Controller('candidates')
export class RefuseErasureRequestController {
  constructor(@Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway) {}

  @CommandRoute({
    path: ':id/erasure-requests/:requestId/refusal',
    operationId: 'refuseErasureRequest',
    summary: 'Refuse an erasure request, on one of the exceptions to the right',
    roles: ['admin'],
    revisioned: true,
    response: PersonalDataView,
    problems: [404, 409],
  })
  async refuse(
    @ValidParams(ErasureRequestParams) { id, requestId }: ErasureRequestParams,
    @ValidBody(RefuseErasureRequestBody) body: RefuseErasureRequestBody,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataView> {
    const outcome = await this.personalData.handle(
      {
        type: 'RefuseErasureRequest',
        data: {
          candidateId: id,
          requestId,
          ground: body.ground,
          refusedBy: caller.principal.subject,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithPersonalData(caller.reply, outcome);
  }
}
