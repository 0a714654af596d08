import {
  CandidateScope,
  CurrentPrincipal,
  Roles,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CandidateIdParams } from '../common/candidate-id.params';
import { CandidateReader } from '../common/candidate-reader.service';
import { replyWithCandidate, type CandidateView } from '../common/candidate.view';

@ApiTags('candidates')
@Controller('candidates')
export class GetCandidateController {
  constructor(private readonly reader: CandidateReader) {}

  @Get(':id')
  @Roles('recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin', 'candidate')
  @CandidateScope('id')
  @ApiOperation({
    summary: 'The candidate as rebuilt from its stream; ETag is the stream revision',
  })
  async get(
    @Param() { id }: CandidateIdParams,
    @CurrentPrincipal() principal: ActingPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateView> {
    return replyWithCandidate(reply, await this.reader.load(id), principal);
  }
}
