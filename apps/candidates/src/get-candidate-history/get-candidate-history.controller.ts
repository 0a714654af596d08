import { AggregateNotFoundError, candidateStreamName } from '@hirestream/contracts';
import { EventStore, foldEvents } from '@hirestream/event-sourcing';
import { entityTagOf, QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { CandidateIdParams } from '../candidate-view/candidate-id.params';
import { candidateDecider, type CandidateStreamEvent } from '../domain/candidate.decider';
import { CandidateHistoryView } from './candidate-history.view';

@ApiTags('candidates')
@Controller('candidates')
export class GetCandidateHistoryController {
  constructor(private readonly store: EventStore) {}

  @QueryRoute({
    path: ':id/history',
    operationId: 'getCandidateHistory',
    summary: "Every event of the candidate's stream, oldest first",
    roles: ['recruiter', 'hiring-manager', 'auditor', 'admin'],
    revisioned: true,
    response: CandidateHistoryView,
    problems: [404],
  })
  async history(
    @ValidParams(CandidateIdParams) { id }: Static<typeof CandidateIdParams>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CandidateHistoryView> {
    const { events, revision } = await this.store.readStream<CandidateStreamEvent>(
      candidateStreamName(id),
    );
    const state = foldEvents(
      candidateDecider,
      events.map((recorded) => recorded.event),
    );
    if (state.status !== 'registered' || revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${id} does not exist`);
    }
    reply.header('etag', entityTagOf(revision));
    return {
      candidateId: id,
      events: events.map(({ event, metadata, revision: at }) => ({
        eventId: metadata.eventId,
        type: event.type,
        occurredAt: metadata.occurredAt,
        actor: metadata.actor,
        revision: at.toString(),
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
        schemaVersion: metadata.schemaVersion,
        data: event.data as Record<string, unknown>,
      })),
    };
  }
}
