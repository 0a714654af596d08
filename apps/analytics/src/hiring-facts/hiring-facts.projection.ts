import { PostgresProjectionHost, postgresProjection } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import { HIRING_EVENT_TYPES, hiringFactChanges, type HiringEvent } from './hiring-facts.fold';
import { hiringFactMigrations, type HiringFactTable } from './hiring-facts.tables';
import { writeHiringFacts } from './hiring-facts.writes';

const hiringFacts = postgresProjection<HiringFactTable, HiringEvent>({
  name: 'hiring-facts',
  version: 2,
  tables: [
    'candidacies',
    'facts',
    'rollups',
    'durations',
    'feedback',
    'scorecards',
    'panel_decisions',
  ],
  select: { eventTypes: [...HIRING_EVENT_TYPES] },
  migrations: hiringFactMigrations,
  apply: (sql, tables, events) => writeHiringFacts(sql, tables, hiringFactChanges(events)),
});

/**
 * The facts of every candidacy's process (stages, interviews, feedback, scorecards,
 * panel decisions, offers, checks) with their times and daily rollups, for the process measures at any
 * instant. Queries: `hiring-facts.queries.ts`, given `read`'s `sql` and tables.
 */
@Injectable()
export class HiringFactsProjection extends PostgresProjectionHost(hiringFacts) {}
