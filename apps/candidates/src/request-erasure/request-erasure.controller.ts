import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { PersonalDataView, replyWithPersonalData } from '../personal-data/personal-data.view';
import { RequestErasureBody } from './request-erasure.dto';

@ApiTags('personal data')
@Controller('candidates')
export class RequestErasureController {
  constructor(@Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway) {}

  @CommandRoute({
    path: ':id/erasure-requests',
    operationId: 'requestErasure',
    summary:
      "Ask, on the person's behalf, that every candidacy of theirs be erased; an admin other than the requester approves or refuses",
    roles: ['recruiter', 'admin'],
    creates: true,
    revisioned: true,
    response: PersonalDataView,
    problems: [404, 409],
  })
  async request(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(RequestErasureBody) body: RequestErasureBody,
    @Caller() caller: CommandCaller,
  ): Promise<PersonalDataView> {
    const outcome = await this.personalData.handle(
      {
        type: 'RequestErasure',
        data: {
          candidateId: id,
          requestId: randomUUID(),
          reason: body.reason,
          requestedBy: caller.principal.subject,
        },
      },
      caller.context,
    );
    // The request is listed, with its id, among the candidacy's personal-data facts.
    caller.reply.header('location', `/candidates/${id}/personal-data`);
    return replyWithPersonalData(caller.reply, outcome);
  }
}
