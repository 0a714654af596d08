import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';
import { RejectCandidateBody } from './reject-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RejectCandidateController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @CommandRoute({
    path: ':id/rejection',
    operationId: 'rejectCandidate',
    summary: 'Reject the candidate, with a reason and feedback for them',
    roles: ['recruiter', 'hiring-manager', 'admin'],
    revisioned: true,
    response: CandidateView,
    problems: [404, 409],
  })
  async reject(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @ValidBody(RejectCandidateBody) body: RejectCandidateBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const outcome = await this.candidates.handle(
      {
        type: 'RejectCandidate',
        data: {
          candidateId: id,
          category: body.category,
          reason: body.reason,
          feedbackForCandidate: body.feedbackForCandidate ?? null,
        },
      },
      caller.context,
      caller.options,
    );
    return replyWithCandidate(caller.reply, outcome, caller.principal);
  }
}
