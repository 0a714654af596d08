import { deepStrictEqual } from 'node:assert/strict';
import type { Command, Event } from '@hirestream/contracts';
import { decidedEvents, foldEvents, type Decider } from '../decider/decider';
import type { Process, ProcessPlan } from '../process/process';

/**
 * Given/when/then for processes, with no I/O: given the primary stream's
 * history, when a command is decided on it, then the process plans these
 * participant commands: `spec.given([...events]).when(command).then(plan)`.
 */
export function processSpecification<PS, PC extends Command, PE extends Event, SC extends Command>(
  decider: Decider<PS, PC, PE>,
  process: Process<PS, PC, PE, SC>,
) {
  return {
    given(history: readonly PE[]) {
      return {
        when(command: PC) {
          return {
            then(expected: ProcessPlan<SC>): void {
              const state = foldEvents(decider, history);
              const plan = process.plan(
                {
                  streamName: 'primary',
                  state,
                  revision: history.length === 0 ? undefined : BigInt(history.length - 1),
                  events: decidedEvents(decider.decide(command, state)),
                },
                command,
              );
              deepStrictEqual(plan, expected);
            },
          };
        },
      };
    },
  };
}
