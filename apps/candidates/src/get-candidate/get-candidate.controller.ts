import { candidateStreamName } from '@hirestream/contracts';
import {
  CurrentPrincipal,
  QueryRoute,
  ValidParams,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
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
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    return replyWithCandidate(
      reply,
      await this.candidates.load(candidateStreamName(id)),
      principal,
    );
  }
}
