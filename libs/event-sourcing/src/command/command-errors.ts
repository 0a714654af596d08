import type { FieldProblem } from '@hirestream/contracts';

/** The caller's expected revision (If-Match) is not the stream's (answered as 409). */
export class ExpectedRevisionMismatchError extends Error {
  constructor(
    readonly expected: bigint,
    readonly actual: bigint | undefined,
  ) {
    super(
      `expected revision ${expected} but the stream is at ${actual === undefined ? 'no revision (it does not exist)' : actual}`,
    );
    this.name = 'ExpectedRevisionMismatchError';
  }
}

/** Concurrent writers kept winning the race for the stream; the caller may retry (answered as 409). */
export class ConcurrencyRetriesExhaustedError extends Error {
  constructor(
    readonly streamName: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamName} kept changing under ${attempts} attempts; try again`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

/**
 * A command decided an event its contract's schema refuses (answered as 400):
 * the input that led to it breaks a rule the events carry. Nothing is appended.
 */
export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(
      `the request would record an invalid ${eventType}: ${problems.map((p) => p.message).join('; ')}`,
    );
    this.name = 'InvalidEventError';
  }
}
