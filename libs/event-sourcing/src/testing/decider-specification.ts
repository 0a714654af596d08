import { deepStrictEqual } from 'node:assert/strict';
import { CommandRejectedError, type Command, type Event } from '@hirestream/contracts';
import { decidedEvents, foldEvents, type Decider } from '../decider/decider';

type ErrorClass = abstract new (...args: never[]) => Error;

export type DeciderThen<E extends Event> = Readonly<{
  /** The command produces exactly these events. */
  then: (expected: readonly E[]) => void;
  /** The command is refused with this error class (and, optionally, a rule check). */
  thenThrows: (errorClass: ErrorClass, check?: (error: Error) => boolean) => void;
}>;

/**
 * Given/when/then for deciders, with no I/O:
 * `spec.given([...events]).when(command).then([...events])`.
 */
export function deciderSpecification<State, C extends Command, E extends Event>(
  decider: Decider<State, C, E>,
) {
  return {
    given(history: readonly E[]) {
      return {
        when(command: C): DeciderThen<E> {
          const run = (): readonly E[] =>
            decidedEvents(decider.decide(command, foldEvents(decider, history)));
          return {
            then(expected) {
              deepStrictEqual(run(), expected);
            },
            thenThrows(errorClass, check) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              if (!(thrown instanceof errorClass)) {
                throw new Error(
                  `expected ${errorClass.name} but ${thrown === undefined ? 'no error was thrown' : String(thrown)}`,
                );
              }
              if (check !== undefined && !check(thrown)) {
                throw new Error(
                  `${errorClass.name} thrown but did not pass the check: ${thrown.message}`,
                );
              }
            },
          };
        },
      };
    },
  };
}

/**
 * A `thenThrows(CommandRejectedError, …)` check: refused under `rule`, the
 * message naming each of `texts`.
 */
export function refusedWith(rule: string, ...texts: string[]): (error: Error) => boolean {
  return (error) =>
    error instanceof CommandRejectedError &&
    error.rule === rule &&
    texts.every((text) => error.message.includes(text));
}
