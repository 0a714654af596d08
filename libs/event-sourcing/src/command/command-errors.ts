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
