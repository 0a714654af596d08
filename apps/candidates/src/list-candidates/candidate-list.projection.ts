import { hirestreamEventCatalog, type CandidateEvent } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import { CandidateListProjection } from './candidate-list.projection';

/** The candidate list, rebuilt in memory from every candidate event at each start. */
@Injectable()
export class CandidateListSubscription extends InMemoryProjectionHost<
  CandidateListProjection,
  CandidateEvent
>({
  name: 'candidate-list',
  select: { eventTypes: hirestreamEventCatalog.typesOwnedBy('candidates') },
  create: () => new CandidateListProjection(),
  apply: (projection, { event, metadata }) => projection.apply(event, metadata.occurredAt),
}) {}
