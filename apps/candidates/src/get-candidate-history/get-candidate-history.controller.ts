import type { Actor } from '@hirestream/contracts';
import { entityTagOf, Roles } from '@hirestream/platform';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CandidateIdParams } from '../common/candidate-id.params';
import { CandidateReader } from '../common/candidate-reader.service';

export type HistoryEntry = Readonly<{
  eventId: string;
  type: string;
  occurredAt: string;
  actor: Actor;
  revision: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  data: unknown;
}>;

@ApiTags('candidates')
@Controller('candidates')
export class GetCandidateHistoryController {
  constructor(private readonly reader: CandidateReader) {}

  @Get(':id/history')
  @Roles('recruiter', 'hiring-manager', 'auditor', 'admin')
  @ApiOperation({ summary: "Every event of the candidate's stream, oldest first" })
  async history(
    @Param() { id }: CandidateIdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ candidateId: string; events: HistoryEntry[] }> {
    const loaded = await this.reader.history(id);
    reply.header('etag', entityTagOf(loaded.revision));
    return {
      candidateId: id,
      events: loaded.events.map(({ event, metadata, revision }) => ({
        eventId: metadata.eventId,
        type: event.type,
        occurredAt: metadata.occurredAt,
        actor: metadata.actor,
        revision: revision.toString(),
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
        schemaVersion: metadata.schemaVersion,
        data: event.data,
      })),
    };
  }
}
