import type { FieldProblem } from '@hirestream/contracts';

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
