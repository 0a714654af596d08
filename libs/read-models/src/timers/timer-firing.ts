import { AggregateNotFoundError, CommandRejectedError, type Actor } from '@hirestream/contracts';
import { commandContextOf, type CommandContext, type DueTimer } from '@hirestream/event-sourcing';
import { BackgroundWork, type Clock, type JsonLogger } from '@hirestream/platform';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ReadModelDatabase, Sql } from '../database/read-model-database';
import { lockKey } from '../database/sql-names';
import { DuePasses } from '../passes/due-passes';
import { inParallel, underAdvisoryLock } from '../passes/exclusive-work';
import type { DueTimersHost, ScheduledTimer } from './due-timers.projection';

/** The longest a firing waits before looking again: a timer set since the last look is found by then. */
export const TIMER_POLL_MS = 1_000;
const BATCH = 100;
const PARALLEL_FIRINGS = 8;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 5 * 60_000;
const PRUNE_EVERY_MS = 60_000;

export type TimerFiringOptions = Readonly<{
  timers: DueTimersHost;
  db: ReadModelDatabase;
  clock: Clock;
  logger: JsonLogger;
  /** Who the fired commands' events name as their actor: the service. */
  actor: Actor;
  registry: Registry;
}>;

/** What became of a firing: its command decided (maybe nothing), or refused it. */
type FiringOutcome = 'fired' | `refused: ${string}`;

/**
 * Fires a schedule's due timers: the base class of a service's timer runner
 * (extend it as an `@Injectable()` provider and implement `fire`). Every
 * replica runs one, but with `ROLE=api` (`BackgroundWork`); in each pass only
 * the replica holding the schedule's advisory lock fires. A pass fires every
 * timer due by the clock's now that has no firing recorded for its due time,
 * each as a command through the
 * service's gateway, and records the firing; a service that was down fires
 * what came due meanwhile at its first pass. A firing is recorded after its
 * command, so a crash in between fires it again, which the command's decider
 * makes harmless. A command the store cannot take now is retried with backoff;
 * one the decider refuses is recorded, with the rule, and not retried.
 */
@BackgroundWork()
export abstract class TimerFiring implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly firings: string;
  private readonly lockKey: string;
  private readonly retries = new Map<string, { attempts: number; notBefore: number }>();
  private readonly passes: DuePasses;
  private lastPrune = 0;
  private readonly delays: Histogram<'timers'>;
  private readonly outcomes: Counter<'timers' | 'outcome'>;

  protected constructor(private readonly options: TimerFiringOptions) {
    this.firings = options.db.table('timer_firings');
    this.lockKey = lockKey(`hirestream:timers:${options.db.schema}:${options.timers.name}`);
    this.passes = new DuePasses({
      pollMs: TIMER_POLL_MS,
      clock: options.clock,
      pass: async () => {
        await this.fireDue();
        return options.timers.nextDue(this.firings);
      },
      // The read model still being built, or the store unreachable: the next pass tries again.
      onFailure: (error) =>
        options.logger.pino.debug(
          { context: options.timers.name, error: String(error) },
          'timer pass skipped',
        ),
    });
    this.delays = metric(
      options.registry,
      'hirestream_timer_firing_delay_seconds',
      () =>
        new Histogram({
          name: 'hirestream_timer_firing_delay_seconds',
          help: 'How long after its due time a timer fired',
          labelNames: ['timers'],
          buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 3600],
          registers: [options.registry],
        }),
    );
    this.outcomes = metric(
      options.registry,
      'hirestream_timer_firings_total',
      () =>
        new Counter({
          name: 'hirestream_timer_firings_total',
          help: 'Timer firings by outcome: fired, refused (by the decider) or failed (retried)',
          labelNames: ['timers', 'outcome'],
          registers: [options.registry],
        }),
    );
  }

  /** Carries out the timer: hands its command (decided against the stream as it is now) to a gateway. */
  protected abstract fire(timer: DueTimer, context: CommandContext, now: string): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  /**
   * One pass: fires what is due now, if this replica holds the lock; returns
   * how many timers it fired (refusals included). Tests and benchmarks call it.
   */
  async fireDue(): Promise<number> {
    await this.ensureFiringsTable();
    // A session lock, so each batch's firings are committed as they are recorded.
    const fired = await underAdvisoryLock(this.options.db, this.lockKey, async (client) => {
      const count = await this.fireBatches(client);
      await this.pruneFirings(client);
      return count;
    });
    return fired ?? 0;
  }

  private async fireBatches(client: Sql): Promise<number> {
    let fired = 0;
    for (;;) {
      // Timers waiting out a retry's backoff are passed over, not counted against the batch.
      const limit = BATCH + this.retries.size;
      const due = await this.options.timers.due(this.options.clock.instant(), this.firings, limit);
      const ready = due.filter((timer) => this.mayTry(timer)).slice(0, BATCH);
      const outcomes = await inParallel(ready, PARALLEL_FIRINGS, (timer) => this.fireOne(timer));
      const recorded = ready.flatMap((timer, index) => {
        const outcome = outcomes[index];
        return outcome === undefined ? [] : [{ timer, outcome }];
      });
      if (recorded.length > 0) {
        await client.query(
          `insert into ${this.firings} (timer_name, timer_id, due_at, fired_at, outcome)
           select $1, u.timer_id, u.due_at, now(), u.outcome
           from unnest($2::text[], $3::timestamptz[], $4::text[]) as u(timer_id, due_at, outcome)
           on conflict do nothing`,
          [
            this.options.timers.name,
            recorded.map(({ timer }) => timer.timerId),
            recorded.map(({ timer }) => timer.dueAt),
            recorded.map(({ outcome }) => outcome),
          ],
        );
      }
      fired += recorded.length;
      if (due.length < limit || recorded.length === 0) return fired;
    }
  }

  private async fireOne(timer: ScheduledTimer): Promise<FiringOutcome | undefined> {
    const { name } = this.options.timers;
    const now = this.options.clock.instant();
    // Caused by the event that set the timer, in its story (its correlation id).
    const context = commandContextOf({
      timer: { id: timer.setBy.eventId, correlationId: timer.setBy.correlationId },
      actor: this.options.actor,
    });
    const details = { context: name, timerId: timer.timerId, kind: timer.kind, dueAt: timer.dueAt };
    const timers = { timers: name };
    try {
      await this.fire(timer, context, now);
      this.delays.observe(timers, (Date.parse(now) - Date.parse(timer.dueAt)) / 1000);
      this.outcomes.inc({ ...timers, outcome: 'fired' });
      const retried = this.retries.get(timer.timerId);
      this.retries.delete(timer.timerId);
      if (retried !== undefined) {
        this.options.logger.pino.info(
          { ...details, attempts: retried.attempts + 1 },
          'timer fired',
        );
      }
      return 'fired';
    } catch (error) {
      if (error instanceof CommandRejectedError || error instanceof AggregateNotFoundError) {
        this.retries.delete(timer.timerId);
        const rule = error instanceof CommandRejectedError ? error.rule : 'not-found';
        this.outcomes.inc({ ...timers, outcome: 'refused' });
        this.options.logger.pino.warn({ ...details, rule, error: error.message }, 'timer refused');
        return `refused: ${rule}`;
      }
      this.outcomes.inc({ ...timers, outcome: 'failed' });
      const previous = this.retries.get(timer.timerId);
      const attempts = (previous?.attempts ?? 0) + 1;
      const delay = Math.min(RETRY_FIRST_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
      this.retries.set(timer.timerId, { attempts, notBefore: Date.now() + delay });
      // Logged once when it starts failing, not at every retry.
      if (previous === undefined) {
        this.options.logger.pino.error(
          { ...details, error: String(error) },
          'timer could not fire; retrying with backoff',
        );
      }
      return undefined;
    }
  }

  private mayTry(timer: DueTimer): boolean {
    const retry = this.retries.get(timer.timerId);
    return retry === undefined || retry.notBefore <= Date.now();
  }

  /** A firing is kept while its timer is: once the read model dropped the timer, its firing goes too. */
  private async pruneFirings(client: Sql): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.options.timers.read(async (_, { timers }) => {
      await client.query(
        `delete from ${this.firings} f where f.timer_name = $1 and not exists
           (select 1 from ${timers} t where t.timer_id = f.timer_id and t.due_at = f.due_at)`,
        [this.options.timers.name],
      );
    });
  }

  private ensureFiringsTable(): Promise<void> {
    return this.options.db.ensureTable(
      `create table if not exists ${this.firings} (
         timer_name text not null,
         timer_id text not null,
         due_at timestamptz not null,
         fired_at timestamptz not null,
         outcome text not null,
         primary key (timer_name, timer_id, due_at)
       )`,
    );
  }
}

/** The registry's metric of that name (a service with two schedules shares it), made once. */
function metric<M>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make();
}
