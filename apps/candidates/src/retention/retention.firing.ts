import {
  AggregateNotFoundError,
  candidateStreamName,
  CommandRejectedError,
} from '@hirestream/contracts';
import type { CommandContext, DueTimer } from '@hirestream/event-sourcing';
import { Clock, JsonLogger } from '@hirestream/platform';
import { DueTimersHost, ReadModelDatabase, TimerFiring } from '@hirestream/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';
import { CANDIDATES_ACTOR } from '../candidates-actor';
import { retentionOutcome, retentionPolicyForJob, type RetentionPolicy } from '../domain/retention';
import { PersonalDataEraser } from '../personal-data/personal-data-eraser';
import { PERSONAL_DATA, type PersonalDataGateway } from '../personal-data/personal-data-gateway';
import { RETENTION_POLICIES } from './retention-policies.provider';
import { retentionLookOf, retentionSchedule, type RetentionLookDue } from './retention.schedule';

/** A retention look still to come, and when it is due. */
export type ScheduledRetention = RetentionLookDue & Readonly<{ dueAt: string }>;

/** The closed candidacies' retention looks, in PostgreSQL. */
@Injectable()
export class RetentionTimers extends DueTimersHost(retentionSchedule) {
  /** The looks due by `until` (all when null), soonest first, a page at a time, with how many there are. */
  scheduled(
    until: string | null,
    limit: number,
    offset: number,
  ): Promise<Readonly<{ total: number; items: ScheduledRetention[] }>> {
    return this.read(async (sql, { timers }) => {
      const due = `from ${timers} where $1::timestamptz is null or due_at <= $1`;
      const { rows } = await sql.query<Pick<DueTimer, 'kind' | 'data'> & { due_at: Date }>(
        `select kind, data, due_at ${due} order by due_at, timer_id limit $2 offset $3`,
        [until, limit, offset],
      );
      const { rows: counted } = await sql.query<{ total: string }>(
        `select count(*) as total ${due}`,
        [until],
      );
      return {
        total: Number(counted[0].total),
        items: rows.flatMap((row) => {
          const look = retentionLookOf(row);
          return look === undefined ? [] : [{ ...look, dueAt: row.due_at.toISOString() }];
        }),
      };
    });
  }
}

/**
 * Looks at a closed candidacy when its retention timer is due: with the policy
 * of its job's jurisdiction in force now and the candidate's consent, erases its
 * personal data (this candidacy's key only, basis `retention`) or schedules the
 * erasure for later. Decided on the stream as it is, so a second look, or one at
 * a candidacy erased meanwhile, changes nothing.
 */
@Injectable()
export class RetentionFiring extends TimerFiring {
  constructor(
    timers: RetentionTimers,
    db: ReadModelDatabase,
    clock: Clock,
    logger: JsonLogger,
    registry: Registry,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataGateway,
    private readonly eraser: PersonalDataEraser,
    @Inject(RETENTION_POLICIES) private readonly policies: readonly RetentionPolicy[],
  ) {
    super({ timers, db, clock, logger, registry, actor: CANDIDATES_ACTOR });
  }

  protected async fire(timer: DueTimer, context: CommandContext, now: string): Promise<unknown> {
    const look = retentionLookOf(timer);
    if (look === undefined) {
      throw new CommandRejectedError('unknown-timer', `not a retention timer: ${timer.kind}`);
    }
    const { candidateId, closedAt } = look;
    const { state } = await this.personalData.load(candidateStreamName(candidateId));
    if (state.registration === null) {
      throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    }
    const policy = retentionPolicyForJob(this.policies, state.registration.jobId);
    const applied = { id: policy.id, version: policy.version, jurisdiction: policy.jurisdiction };
    const outcome = retentionOutcome(state, { policy, closedAt, now });
    switch (outcome.kind) {
      case 'nothing':
        return undefined;
      case 'schedule':
        return this.personalData.handle(
          {
            type: 'ScheduleRetention',
            data: {
              candidateId,
              policy: applied,
              closedAt,
              eraseAt: outcome.eraseAt,
              cause: outcome.cause,
            },
          },
          context,
        );
      case 'erase':
        return this.eraser.erase(candidateId, { basis: 'retention', policy: applied }, context);
    }
  }
}
