import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { requestIn } from '../domain/personal-data.decider';
import { ErasureRequestParams } from '../personal-data/erasure-request.params';
import { PersonalDataEraser } from '../personal-data/personal-data-eraser';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { erasureView, PersonalDataErasureView } from '../personal-data/personal-data.view';

@ApiTags('personal data')
@Controller('candidates')
export class ApproveErasureRequestController {
  constructor(
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway,
    private readonly eraser: PersonalDataEraser,
  ) {}

  @CommandRoute({
    path: ':id/erasure-requests/:requestId/approval',
    operationId: 'approveErasureRequest',
    summary:
      'Approve an erasure request (an admin other than its requester): every candidacy of the person is erased; a repeat answers the erasure recorded',
    roles: ['admin'],
    response: PersonalDataErasureView,
    problems: [404, 409],
  })
  async approve(
    @ValidParams(ErasureRequestParams) { id, requestId }: ErasureRequestParams,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataErasureView> {
    const { state } = await this.personalData.handle(
      {
        type: 'ApproveErasureRequest',
        data: { candidateId: id, requestId, approvedBy: caller.principal.subject },
      },
      caller.context,
    );
    const { reason, requestedBy } = requestIn(state, id, requestId);
    const erasure = await this.eraser.erase(
      id,
      { basis: 'request', requestId, reason, requestedBy },
      caller.context,
    );
    return erasureView(erasure);
  }
}
