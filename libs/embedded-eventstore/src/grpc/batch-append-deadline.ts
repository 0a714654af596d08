import type { RequestedDeadline } from './batch-append-wire';
import { BadRequestError } from './request-values';

/**
 * EventStoreDB's default write timeout. The real server waits for the rest of a batch append
 * (until `is_final`) for the requested deadline's time, but never longer than this.
 */
export const WRITE_TIMEOUT_MS = 2_000;

// The ranges google.protobuf's C# Timestamp.ToDateTime and Duration.ToTimeSpan accept.
const MIN_TIMESTAMP_SECONDS = -62_135_596_800n;
const MAX_TIMESTAMP_SECONDS = 253_402_300_799n;
const MAX_DURATION_SECONDS = 315_576_000_000n;
const NANOS_PER_SECOND = 1_000_000_000;

/** How long the server waits for an append's last request; 0 or less means the deadline passed. */
export function collectionTimeoutMs(deadline: RequestedDeadline, nowMs: number): number {
  if (deadline.kind === 'none') return WRITE_TIMEOUT_MS;
  const { seconds, nanos } = deadline;
  const requestedMs = Number(seconds) * 1000 + nanos / 1_000_000;
  if (deadline.kind === 'at') {
    if (
      seconds < MIN_TIMESTAMP_SECONDS ||
      seconds > MAX_TIMESTAMP_SECONDS ||
      nanos < 0 ||
      nanos >= NANOS_PER_SECOND
    ) {
      throw new BadRequestError(
        `Timestamp contains invalid values: Seconds=${seconds}; Nanos=${nanos}`,
      );
    }
    return Math.min(requestedMs - nowMs, WRITE_TIMEOUT_MS);
  }
  if (
    seconds < -MAX_DURATION_SECONDS ||
    seconds > MAX_DURATION_SECONDS ||
    Math.abs(nanos) >= NANOS_PER_SECOND ||
    (seconds < 0n && nanos > 0) ||
    (seconds > 0n && nanos < 0)
  ) {
    throw new BadRequestError('Duration was not a valid normalized duration');
  }
  return Math.min(requestedMs, WRITE_TIMEOUT_MS);
}
