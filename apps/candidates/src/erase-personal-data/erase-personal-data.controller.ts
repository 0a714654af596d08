import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { PersonalDataEraser } from '../personal-data/personal-data-eraser';
import { erasureView, PersonalDataErasureView } from '../personal-data/personal-data.view';
import { ErasePersonalDataBody } from './erase-personal-data.dto';

@ApiTags('personal data')
@Controller('candidates')
export class ErasePersonalDataController {
  constructor(private readonly eraser: PersonalDataEraser) {}

  @CommandRoute({
    path: ':id/personal-data-erasure',
    operationId: 'erasePersonalData',
    summary:
      "Erase the personal data of every candidacy of the person, at once (an admin, on the person's request); a repeat answers the erasure recorded",
    roles: ['admin'],
    response: PersonalDataErasureView,
    problems: [404],
  })
  async erase(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(ErasePersonalDataBody) body: ErasePersonalDataBody,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataErasureView> {
    const erasure = await this.eraser.erase(
      id,
      {
        basis: 'request',
        requestId: null,
        reason: body.reason,
        requestedBy: caller.principal.subject,
      },
      caller.context,
    );
    return erasureView(erasure);
  }
}
