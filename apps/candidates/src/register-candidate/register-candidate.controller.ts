import {
  type ActingPrincipal,
  CurrentPrincipal,
  IdempotentPost,
  Roles,
} from '@hirestream/platform';
import { Body, Controller, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CandidateCommandService } from '../common/candidate-command.service';
import { replyWithCandidate, type CandidateView } from '../common/candidate.view';
import { RegisterCandidateDto } from './register-candidate.dto';

@ApiTags('candidates')
@Controller('candidates')
export class RegisterCandidateController {
  constructor(private readonly commands: CandidateCommandService) {}

  @IdempotentPost('', 201)
  @Roles('recruiter', 'admin')
  @ApiOperation({ summary: 'Register a candidate for a job opening' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  async register(
    @Body() body: RegisterCandidateDto,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    const candidateId = randomUUID();
    const outcome = await this.commands.execute(
      {
        type: 'RegisterCandidate',
        data: {
          candidateId,
          personId: body.personId ?? randomUUID(),
          fullName: body.fullName.trim(),
          email: body.email,
          phone: body.phone ?? null,
          jobId: body.jobId,
          source: body.source,
          resumeRef: body.resumeRef ?? null,
        },
      },
      principal,
    );
    reply.header('location', `/candidates/${candidateId}`);
    return replyWithCandidate(reply, outcome, principal);
  }
}
