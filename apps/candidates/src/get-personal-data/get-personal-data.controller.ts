import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { PersonalDataView, replyWithPersonalData } from '../personal-data/personal-data.view';

@ApiTags('personal data')
@Controller('candidates')
export class GetPersonalDataController {
  constructor(@Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway) {}

  @QueryRoute({
    path: ':id/personal-data',
    operationId: 'getPersonalData',
    summary:
      "The candidacy's personal-data facts: erasure requests, consent, the retention erasure scheduled, the erasure; no personal value",
    roles: ['recruiter', 'auditor', 'admin'],
    revisioned: true,
    response: PersonalDataView,
    problems: [404],
  })
  async get(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataView> {
    const loaded = await this.personalData.load(candidateStreamName(id));
    return replyWithPersonalData(caller.reply, loaded);
  }
}
