import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { Clock, CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { PersonalDataView, replyWithPersonalData } from '../personal-data/personal-data.view';
import { RecordRetentionConsentBody } from './record-retention-consent.dto';

@ApiTags('personal data')
@Controller('candidates')
export class RecordRetentionConsentController {
  constructor(
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway,
    private readonly clock: Clock,
  ) {}

  @CommandRoute({
    path: ':id/retention-consent',
    operationId: 'recordRetentionConsent',
    summary:
      "Record the candidate's consent to be kept past the retention policy's time, until an instant",
    roles: ['recruiter', 'admin'],
    revisioned: true,
    response: PersonalDataView,
    problems: [404, 409],
  })
  async consent(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(RecordRetentionConsentBody) body: RecordRetentionConsentBody,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataView> {
    const outcome = await this.personalData.handle(
      {
        type: 'RecordRetentionConsent',
        data: {
          candidateId: id,
          keepUntil: body.keepUntil,
          recordedBy: caller.principal.subject,
          now: this.clock.instant(),
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithPersonalData(caller.reply, outcome);
  }
}
