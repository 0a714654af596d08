import { candidateStreamName, type Event, type EventMetadata } from '@hirestream/contracts';
import type { ServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';

/**
 * Appends a candidate's facts at a chosen instant through the service's
 * EventStore (the services' APIs stamp the wall clock; the measures need
 * chosen times), keeping each stream's revision between calls.
 */
export function candidateHistory(app: Readonly<ServiceApp>, actor: EventMetadata['actor']) {
  const revisions = new Map<string, bigint>();
  return async (candidateId: string, at: string, ...events: Event[]): Promise<void> => {
    const stream = candidateStreamName(candidateId);
    const result = await app.store.append(
      stream,
      events,
      revisions.get(stream),
      { actor, correlationId: randomUUID(), causationId: randomUUID() },
      new Date(at),
    );
    revisions.set(stream, result.nextRevision);
  };
}
