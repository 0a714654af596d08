export { ReadModelDatabase, type Sql } from './database/read-model-database';
export { ReadModelUnavailableError } from './database/read-model-unavailable.error';
export { lockKey, sqlName } from './database/sql-names';
export {
  postgresProjection,
  type PostgresProjection,
  type ProjectionTables,
} from './projection/projection-definition';
export {
  ProjectionBuilds,
  type ProjectionBuild,
  schemasWithProjections,
  type RebuildRequest,
} from './projection/projection-builds';
export { ProjectionRunner, runnerLockKey } from './projection/projection-runner';
export {
  OWN_WRITES_TIMEOUT_MS,
  PostgresProjectionHost,
} from './projection/postgres-projection-host';
export { ReadModelConfig } from './read-model.config';
export { ReadModelModule } from './nest/read-model.module';
export { projectionLag, type ProjectionLag } from './projection/projection-lag';
export {
  DueTimersHost,
  dueTimersProjection,
  netTimerChanges,
  type ScheduledTimer,
} from './timers/due-timers.projection';
export { TIMER_POLL_MS, TimerFiring, type TimerFiringOptions } from './timers/timer-firing';
export { DuePasses, type DuePassesOptions } from './passes/due-passes';
export { inParallel, underAdvisoryLock } from './passes/exclusive-work';
export { AdvisoryLease, PostgresSingleActive } from './passes/advisory-lease';
export { answeredWithin } from './passes/answered-within';
export {
  PersonalColumns,
  type ColumnLocation,
  type StoredColumn,
  type StoredState,
} from './personal-data/personal-columns';
export { CandidacyStates, type CandidacyState } from './personal-data/candidacy-states';
export { PersonalDataOpeningController } from './personal-data/personal-data-opening.controller';
