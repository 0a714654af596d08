export type { Decider } from './decider/decider';
export { decidedEvents, foldEvents } from './decider/decider';
export { assertNever } from './decider/exhaustive';
export type { Aggregate } from './command/aggregate';
export {
  ConcurrencyRetriesExhaustedError,
  ExpectedRevisionMismatchError,
} from './command/command-errors';
export { InvalidEventError } from './store/invalid-event.error';
export { CommandGateway } from './command/command-gateway';
export type {
  CommandGatewayOptions,
  CommandOptions,
  CommandOutcome,
  Decision,
} from './command/command-gateway';
export { commandContextOf, type CommandCause } from './command/command-context';
export { COMMAND_PROBLEM_MAPPINGS } from './command/command-problems';
export { StreamActivity } from './command/stream-activity';
export type { StreamActivityEntry, StreamActivityKind } from './command/stream-activity';
export type { LoadedStream } from './command/stream-loader';
export {
  NOTHING_TO_DO,
  type Process,
  type ProcessPlan,
  type UndoableStep,
} from './process/process';
export { ProcessRunner, type ProcessLogger } from './process/process-runner';
export type { CommandContext, RecordedEvent } from './store/recorded-event';
export { EventSerializer, UnreadableEventError } from './store/event-serializer';
export { EventStore, StreamRevisionConflictError } from './store/event-store';
export type { AppendResult, ReadStreamOptions, StreamPoint, StreamRead } from './store/event-store';
export type { Snapshot, SnapshotPolicy } from './store/snapshots';
export { readSnapshot, snapshotStreamName, writeSnapshot } from './store/snapshots';
export { canonicalJson } from './chain/canonical-json';
export {
  eventHash,
  genesisHash,
  linkedMetadata,
  storedChainKey,
  type HashedEvent,
} from './chain/chain-hash';
export type {
  AnchoredHead,
  BeforeChain,
  ChainBreak,
  ChainBreakKind,
  ChainEvent,
  ChainHead,
  ChainReport,
} from './chain/chain-report';
export { ChainVerifier, verifyChain, type ChainVerificationOptions } from './chain/chain-verifier';
export { storedChainEvent } from './chain/stored-chain-event';
export { verifyStream } from './chain/stream-verification';
export {
  verifyAllStreams,
  type AllStreamsProgress,
  type AllStreamsReport,
  type AllStreamsVerificationOptions,
} from './chain/all-streams-verification';
export { CheckpointStore } from './subscriptions/checkpoint-store';
export { CatchUpSubscription } from './subscriptions/catch-up-subscription';
export { SubscriptionHealth, type WatchedSubscription } from './subscriptions/subscription-health';
export type {
  CatchUpSubscriptionOptions,
  Checkpoints,
  SubscriptionLogger,
  SubscriptionStall,
} from './subscriptions/catch-up-subscription';
export { OwnWrites, type OwnWrite } from './command/own-writes';
export {
  BOOKKEEPING_STREAM_PREFIXES,
  filterOf,
  selects,
  type ProjectionSelection,
} from './projections/projection-selection';
export { deciderSpecification, refusedWith } from './testing/decider-specification';
export type { DeciderThen } from './testing/decider-specification';
export { processSpecification } from './testing/process-specification';
export { EventStoreIdempotencyStore } from './idempotency/event-store-idempotency.store';
export { EventStoreModule, EVENT_CATALOG } from './nest/event-store.module';
export { provideCommandGateway } from './nest/command-gateway.provider';
export { Caller, type CommandCaller } from './nest/caller.decorator';
export {
  timerSchedule,
  type DueTimer,
  type TimerChange,
  type TimerSchedule,
  type TimerValue,
} from './timers/durable-timer';
export { faithfulJson, type JsonValue } from './state-at-point/faithful-json';
export {
  stateAtPoint,
  type FoldableAggregate,
  type SchemaVersionsRead,
  type StateAtPoint,
  type Upcasting,
} from './state-at-point/state-at-point';
export { RegisteredAggregates } from './state-at-point/registered-aggregates';
export { StreamNameParams, StreamStateView } from './state-at-point/state-at-point.view';
export {
  auditBundle,
  BUNDLE_FILES,
  verifyAuditBundle,
  type BundleContents,
  type BundleEvent,
  type BundleVerification,
  type BundleVerificationOptions,
} from './bundle/audit-bundle';
export { BundleManifest, BundledAnchor } from './bundle/bundle-manifest';
export { anchorStatement, type AnchorFields } from './bundle/anchor-statement';
export {
  signatureStatus,
  verifyAnchor,
  verifyAnchoredHeads,
  type AnchorVerification,
  type HeadInAnchor,
  type SignatureStatus,
  type SignedAnchor,
  type TrustedKeys,
} from './bundle/anchor-verification';
export {
  ed25519Signature,
  publicKeyInfo,
  signatureProblem,
  type PublicKeyInfo,
} from './bundle/ed25519-signatures';
export {
  leafDigest,
  merkleProof,
  merkleProofs,
  merkleRoot,
  rootOfProof,
  type AnchoredLeaf,
  type ProofStep,
} from './bundle/merkle-tree';
export { MalformedArchiveError, tarArchive, tarFiles, type TarFile } from './bundle/tar-archive';
