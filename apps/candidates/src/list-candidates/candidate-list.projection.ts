import { hirestreamEventCatalog, type CandidateEvent } from '@hirestream/contracts';
import { InMemoryProjectionHost } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import { CandidateList } from './candidate-list.read-model';

/** The candidate list, rebuilt in memory from every candidate event at each start. */
@Injectable()
export class CandidateListProjection extends InMemoryProjectionHost<CandidateList, CandidateEvent>({
  name: 'candidate-list',
  select: { eventTypes: hirestreamEventCatalog.typesOwnedBy('candidates') },
  create: () => new CandidateList(),
  apply: (list, { event, metadata }) => list.apply(event, metadata.occurredAt),
}) {}
