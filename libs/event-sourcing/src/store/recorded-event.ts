import type { Event, EventMetadata } from '@hirestream/contracts';

/** An event as read back from the store, with where it sits. */
export type RecordedEvent<E extends Event = Event> = Readonly<{
  event: E;
  metadata: EventMetadata;
  streamName: string;
  revision: bigint;
  /** Commit position in `$all`; absent when the server did not send one. */
  position: bigint | undefined;
  /**
   * For an event read with its personal values opened: the data keys they were
   * sealed under, and the JSON Pointers of those that read as `[erased]`.
   */
  personalData?: Readonly<{ keyIds: readonly string[]; erasedPaths: readonly string[] }>;
}>;

/** Who and what caused a command: copied into the metadata of every event it produces. */
export type CommandContext = Readonly<{
  actor: EventMetadata['actor'];
  correlationId: string;
  causationId: string;
}>;
