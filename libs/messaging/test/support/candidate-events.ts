import {
  candidateStreamName,
  hirestreamEventCatalog,
  type CandidateRegistered,
} from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';

export const registration = (
  candidateId: string,
  fullName = 'Test Person',
): CandidateRegistered => ({
  type: 'CandidateRegistered',
  data: {
    candidateId,
    personId: randomUUID(),
    fullName,
    email: 'test@example.org',
    phone: null,
    jobId: 'job-1',
    source: 'test',
    resumeRef: null,
  },
});

/** Registers candidates straight in the store, as the candidates service would. */
export async function registerCandidates(
  client: EventStoreDBClient,
  count: number,
): Promise<string[]> {
  const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
  const ids = Array.from({ length: count }, () => randomUUID());
  const context = {
    actor: { id: 'test', role: 'recruiter' as const },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  };
  for (let i = 0; i < ids.length; i += 25) {
    await Promise.all(
      ids
        .slice(i, i + 25)
        .map((id) => store.append(candidateStreamName(id), [registration(id)], undefined, context)),
    );
  }
  return ids;
}
