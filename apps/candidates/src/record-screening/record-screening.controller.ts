import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';
import { RecordScreeningBody } from './record-screening.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RecordScreeningController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @CommandRoute({
    path: ':id/screening',
    operationId: 'recordScreening',
    summary: 'Record the screening outcome (moves an applied candidate into screening)',
    roles: ['recruiter', 'admin'],
    revisioned: true,
    response: CandidateView,
    problems: [404, 409],
  })
  async record(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(RecordScreeningBody) body: RecordScreeningBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const outcome = await this.candidates.handle(
      {
        type: 'RecordScreening',
        data: {
          candidateId: id,
          passed: body.passed,
          notes: body.notes ?? null,
          screenedBy: caller.principal.subject,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithCandidate(caller.reply, outcome, caller.principal);
  }
}
