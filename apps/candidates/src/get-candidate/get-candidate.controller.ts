import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { candidateStreamName } from '@hirestream/contracts';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';

@ApiTags('candidates')
@Controller('candidates')
export class GetCandidateController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @QueryRoute({
    path: ':id',
    operationId: 'getCandidate',
    summary: 'The candidate as rebuilt from its stream; ETag is the stream revision',
    roles: ['recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin', 'candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: CandidateView,
    problems: [404],
  })
  async get(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const loaded = await this.candidates.load(candidateStreamName(id));
    return replyWithCandidate(caller.reply, loaded, caller.principal);
  }
}
