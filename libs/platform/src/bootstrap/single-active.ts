/** The right to do some work in this replica alone, until released or lost. */
export interface ActiveLease {
  /** Resolves when the lease was lost (its connection broke): stop the work at once. */
  readonly lost: Promise<void>;
  release(): void;
}

/**
 * Work that one replica of a service at a time may do for as long as it runs
 * (the relay): the others stand by and one of them takes over when the holder
 * stops or dies. Provided by the service's read-model database.
 */
export abstract class SingleActive {
  /**
   * Waits for the lease `name`; undefined once `signal` aborts first.
   * `onStandby` is told when another replica holds it.
   */
  abstract acquire(
    name: string,
    signal: AbortSignal,
    onStandby?: () => void,
  ): Promise<ActiveLease | undefined>;
}
