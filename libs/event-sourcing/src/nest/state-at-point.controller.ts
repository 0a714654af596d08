import { EventStoreDBClient } from '@eventstore/db-client';
import { JsonLogger, QueryRoute, ValidParams, ValidQuery } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { RegisteredAggregates } from '../state-at-point/registered-aggregates';
import { stateAtPoint } from '../state-at-point/state-at-point';
import {
  StateAtPointQuery,
  StreamNameParams,
  streamStateView,
  StreamStateView,
} from '../state-at-point/state-at-point.view';
import { EventSerializer } from '../store/event-serializer';

/**
 * Every service's own fold of a stream at a point, for auditors: the audit
 * service asks each service, since only a service holds its deciders.
 */
@ApiTags('audit')
@Controller('audit/streams')
export class StateAtPointController {
  constructor(
    @Inject(EventStoreDBClient) private readonly client: EventStoreDBClient,
    private readonly serializer: EventSerializer,
    private readonly aggregates: RegisteredAggregates,
    private readonly logger: JsonLogger,
  ) {}

  @QueryRoute({
    path: ':streamName/state',
    operationId: 'getStreamStateAtPoint',
    summary:
      "The stream folded by this service's deciders up to a revision, with the schema versions read",
    roles: ['auditor', 'admin'],
    response: StreamStateView,
    problems: [404],
  })
  async state(
    @ValidParams(StreamNameParams) { streamName }: Static<typeof StreamNameParams>,
    @ValidQuery(StateAtPointQuery) { revision }: Static<typeof StateAtPointQuery>,
  ): Promise<StreamStateView> {
    const state = await stateAtPoint(
      this.client,
      this.serializer,
      this.aggregates.all,
      streamName,
      revision === undefined ? undefined : BigInt(revision),
    );
    return streamStateView(state, this.logger.service);
  }
}
