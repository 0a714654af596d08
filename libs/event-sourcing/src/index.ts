export type { Decider } from './decider/decider';
export { decidedEvents, foldEvents } from './decider/decider';
export {
  AggregateNotFoundError,
  CommandRejectedError,
  ConcurrencyRetriesExhaustedError,
  ExpectedRevisionMismatchError,
} from './decider/domain-errors';
export { assertNever } from './decider/exhaustive';
export type { CommandContext, RecordedEvent } from './store/recorded-event';
export { EventSerializer, UnreadableEventError } from './store/event-serializer';
export { EventStore, StreamRevisionConflictError } from './store/event-store';
export type { AppendResult, StreamRead } from './store/event-store';
export { handleCommand, loadStream } from './store/command-handler';
export type { CommandResult, HandleCommandOptions, LoadedStream } from './store/command-handler';
export { CheckpointStore } from './subscriptions/checkpoint-store';
export { CatchUpSubscription } from './subscriptions/catch-up-subscription';
export type {
  CatchUpSubscriptionOptions,
  SubscriptionLogger,
} from './subscriptions/catch-up-subscription';
export { deciderSpecification } from './testing/decider-specification';
export type { DeciderThen } from './testing/decider-specification';
export { EventStoreIdempotencyStore } from './idempotency/event-store-idempotency.store';
export { EventStoreModule } from './nest/event-store.module';
export { InMemoryProjectionHost } from './nest/in-memory-projection-host';
export type { InMemoryProjectionDefinition } from './nest/in-memory-projection-host';
export type { Snapshot, SnapshotPolicy } from './store/snapshots';
export { readSnapshot, snapshotStreamName, writeSnapshot } from './store/snapshots';
