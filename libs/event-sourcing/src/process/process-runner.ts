import type { Command, Event } from '@hirestream/contracts';
import type { CommandGateway, CommandOptions, CommandOutcome } from '../command/command-gateway';
import { ConcurrencyRetriesExhaustedError } from '../command/command-errors';
import { StreamRevisionConflictError } from '../store/event-store';
import type { CommandContext } from '../store/recorded-event';
import type { Process, UndoableStep } from './process';

export type ProcessLogger = Readonly<{
  warn: (message: string, details?: Record<string, unknown>) => void;
}>;

type StepResult =
  | Readonly<{ status: 'done' }>
  | Readonly<{ status: 'failed'; error: unknown }>
  | Readonly<{ status: 'not-run' }>;

const MAX_ATTEMPTS = 5;

/**
 * Carries out a process: decides the command on the primary stream once,
 * checks that the stream will take the decision (not personal data of an
 * erased subject), then the plan's `before` steps: each participant stream's steps are decided in
 * turn on the stream as it is now, every stream at once, and only when none
 * refuses are they appended (one append per stream), so a refusal writes
 * nothing anywhere. Then it appends the decision and does the `after` steps.
 * If a stream changed under a step, its steps are decided again one by one; if
 * a step then fails, or the append does, every step already done is undone
 * and the first failure (in plan order) is rethrown; a conflicting append
 * without an expected revision is tried again from the start (bounded). An undo
 * or an `after` step that fails is logged and left to the process's repair.
 */
export class ProcessRunner<
  PS,
  PC extends Command,
  PE extends Event,
  SS,
  SC extends Command,
  SE extends Event,
> {
  constructor(
    private readonly process: Process<PS, PC, PE, SC>,
    private readonly primary: CommandGateway<PS, PC, PE>,
    private readonly participant: CommandGateway<SS, SC, SE>,
    private readonly logger?: ProcessLogger,
  ) {}

  async run(
    command: PC,
    context: CommandContext,
    options: CommandOptions = {},
  ): Promise<CommandOutcome<PS, PE>> {
    const attempts = options.expectedRevision === undefined ? MAX_ATTEMPTS : 1;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const decision = await this.primary.decide(
        command,
        attempt === 1 ? options : { ...options, streamIsNew: false },
      );
      const plan = this.process.plan(decision, command);
      // A decision its stream will refuse (personal data of an erased subject) moves nothing else.
      if (plan.before.length > 0) await this.primary.checkWritable(decision);
      await this.doAll(plan.before, context);
      let outcome: CommandOutcome<PS, PE>;
      try {
        outcome = await this.primary.append(decision, context);
      } catch (error) {
        await this.undo(plan.before, context);
        if (error instanceof StreamRevisionConflictError) continue;
        throw error;
      }
      await this.runAfter(plan.after, context);
      return outcome;
    }
    throw new ConcurrencyRetriesExhaustedError(this.primary.streamOf(command), attempts);
  }

  /** Runs participant commands that need no undo (a repair, a release); failures are rethrown. */
  async runEach(commands: readonly SC[], context: CommandContext): Promise<void> {
    const results = await this.runGrouped(commands, context);
    const failure = results.find((result) => result.status === 'failed');
    if (failure?.status === 'failed') throw failure.error;
  }

  private async doAll(steps: readonly UndoableStep<SC>[], context: CommandContext): Promise<void> {
    const commands = steps.map((step) => step.command);
    const streams = this.byStream(commands);
    const decisions = await Promise.all(
      streams.map((indexes) =>
        this.participant.decideInTurn(indexes.map((i) => commands[i])).then(
          (decision) => ({ decision }),
          (error: unknown) => ({ error }),
        ),
      ),
    );
    const refusal = decisions.find((decided) => 'error' in decided);
    if (refusal !== undefined && 'error' in refusal) throw refusal.error;
    const results: StepResult[] = commands.map(() => ({ status: 'not-run' }));
    await Promise.all(
      streams.map(async (indexes, k) => {
        const decided = decisions[k];
        if (!('decision' in decided)) return;
        try {
          await this.participant.append(decided.decision, context);
          for (const i of indexes) results[i] = { status: 'done' };
        } catch (error) {
          if (!(error instanceof StreamRevisionConflictError)) {
            results[indexes[0]] = { status: 'failed', error };
            return;
          }
          // Another writer got in since the decision: decide again, step by step.
          const again = await this.runInOrder(
            indexes.map((i) => commands[i]),
            context,
          );
          again.forEach((result, j) => (results[indexes[j]] = result));
        }
      }),
    );
    const failure = results.find((result) => result.status === 'failed');
    if (failure?.status !== 'failed') return;
    await this.undo(
      steps.filter((_step, i) => results[i].status === 'done'),
      context,
    );
    throw failure.error;
  }

  private async undo(steps: readonly UndoableStep<SC>[], context: CommandContext): Promise<void> {
    const undos = steps.map((step) => step.undo);
    const results = await this.runGrouped(undos, context);
    results.forEach((result, i) => {
      if (result.status !== 'done') {
        this.logger?.warn(`${this.process.name}: an undo was not done; the repair will finish it`, {
          stream: this.participant.streamOf(undos[i]),
          command: undos[i].type,
          error: result.status === 'failed' ? String(result.error) : 'not run',
        });
      }
    });
  }

  private async runAfter(commands: readonly SC[], context: CommandContext): Promise<void> {
    const results = await this.runGrouped(commands, context);
    results.forEach((result, i) => {
      if (result.status === 'failed') {
        this.logger?.warn(
          `${this.process.name}: a step after the append failed; the repair will finish it`,
          {
            stream: this.participant.streamOf(commands[i]),
            command: commands[i].type,
            error: String(result.error),
          },
        );
      }
    });
  }

  /**
   * Runs each command through the participant's gateway: streams concurrently,
   * one stream's commands in order, stopping that stream at its first failure.
   */
  private async runGrouped(
    commands: readonly SC[],
    context: CommandContext,
  ): Promise<StepResult[]> {
    const results: StepResult[] = commands.map(() => ({ status: 'not-run' }));
    await Promise.all(
      this.byStream(commands).map(async (indexes) => {
        const done = await this.runInOrder(
          indexes.map((i) => commands[i]),
          context,
        );
        done.forEach((result, j) => (results[indexes[j]] = result));
      }),
    );
    return results;
  }

  /** Runs one stream's commands in order, stopping at the first failure. */
  private async runInOrder(
    commands: readonly SC[],
    context: CommandContext,
  ): Promise<StepResult[]> {
    const results: StepResult[] = commands.map(() => ({ status: 'not-run' }));
    for (const [i, command] of commands.entries()) {
      try {
        await this.participant.handle(command, context);
        results[i] = { status: 'done' };
      } catch (error) {
        results[i] = { status: 'failed', error };
        break;
      }
    }
    return results;
  }

  /** The commands' indexes grouped by the stream they address, streams in order of first appearance. */
  private byStream(commands: readonly SC[]): number[][] {
    const byStream = new Map<string, number[]>();
    commands.forEach((command, i) => {
      const streamName = this.participant.streamOf(command);
      byStream.set(streamName, [...(byStream.get(streamName) ?? []), i]);
    });
    return [...byStream.values()];
  }
}
