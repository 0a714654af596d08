import type { RecordedEvent } from '@eventstore/db-client';
import type { ChainEvent } from './chain-report';

/** A stored event as the client read it, for the verifier: nothing decoded or upcast. */
export function storedChainEvent(recorded: RecordedEvent): ChainEvent {
  return {
    revision: recorded.revision,
    id: recorded.id,
    type: recorded.type,
    data: recorded.data,
    metadata: recorded.metadata,
  };
}
