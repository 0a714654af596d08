/*
 * The two ways a decider says no. They live with the contracts because the rule
 * names a refusal carries are part of every service's API (a 409's `rule`).
 */

/**
 * A command the rules of the process refuse in the current state (answered as 409).
 * `rule` is a stable, machine-readable name for the refused rule.
 */
export class CommandRejectedError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRejectedError';
  }
}

/** The command addresses something that does not exist (answered as 404). */
export class AggregateNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregateNotFoundError';
  }
}
