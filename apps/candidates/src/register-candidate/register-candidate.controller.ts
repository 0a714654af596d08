import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CANDIDATES, type CandidateGateway } from '../candidate-gateway';
import { CandidateView, replyWithCandidate } from '../candidate-view/candidate.view';
import { RegisterCandidateBody } from './register-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RegisterCandidateController {
  constructor(@Inject(CANDIDATES) private readonly candidates: CandidateGateway) {}

  @CommandRoute({
    path: '',
    operationId: 'registerCandidate',
    summary: 'Register a candidate for a job opening',
    roles: ['recruiter', 'admin'],
    creates: true,
    revisioned: true,
    response: CandidateView,
  })
  async register(
    @ValidBody(RegisterCandidateBody) body: RegisterCandidateBody,
    @Caller() caller: CommandCaller,
  ): Promise<CandidateView> {
    const candidateId = randomUUID();
    const outcome = await this.candidates.handle(
      {
        type: 'RegisterCandidate',
        data: {
          candidateId,
          personId: body.personId ?? randomUUID(),
          fullName: body.fullName,
          email: body.email,
          phone: body.phone ?? null,
          jobId: body.jobId,
          source: body.source,
          resumeRef: body.resumeRef ?? null,
        },
      },
      caller.context,
      // A registration names a freshly generated id, so there is nothing to read first.
      { streamIsNew: true },
    );
    caller.reply.header('location', `/candidates/${candidateId}`);
    return replyWithCandidate(caller.reply, outcome, caller.principal);
  }
}
