import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';
import { MoveCandidateStageBody } from './move-candidate-stage.dto';

@ApiTags('candidates')
@Controller('candidates')
export class MoveCandidateStageController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @CommandRoute({
    path: ':id/stage',
    operationId: 'moveCandidateStage',
    summary: 'Move the candidate forward to another stage',
    roles: ['recruiter', 'hiring-manager', 'admin'],
    revisioned: true,
    response: CandidateView,
    problems: [404, 409],
  })
  async move(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(MoveCandidateStageBody) body: MoveCandidateStageBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const outcome = await this.candidates.handle(
      { type: 'MoveCandidateToStage', data: { candidateId: id, to: body.to } },
      caller.context,
      caller.options,
    );
    return replyWithCandidate(caller.reply, outcome, caller.principal);
  }
}
