// A service with PostgreSQL projections whose migrations may fail, started as
// `main.ts` starts a real one: `node -r ./tools/register-typescript.js
// libs/read-models/test/support/migration-service-process.ts` with PROJECTIONS
// (comma-separated: good-list, broken-list) and the service's variables set.
import { EventStoreModule } from '@hirestream/event-sourcing';
import { bootstrapService } from '@hirestream/platform';
import { Injectable, Module, type Type } from '@nestjs/common';
import {
  PostgresProjectionHost,
  postgresProjection,
  ReadModelConfig,
  ReadModelModule,
} from '../../src';
import { tallyCatalog, TALLY_STREAM_PREFIX, type TallyEvent } from './tally-projection';

const MIGRATION_TESTS_SERVICE = 'migration-tests';

function projectionHost(
  name: string,
  migrations: (tables: { items: string; tags: string }) => string[],
): Type<unknown> {
  const definition = postgresProjection<'items' | 'tags', TallyEvent>({
    name,
    version: 1,
    tables: ['items', 'tags'],
    select: { streamPrefixes: [TALLY_STREAM_PREFIX] },
    migrations,
    apply: async () => undefined,
  });
  @Injectable()
  class Host extends PostgresProjectionHost(definition) {}
  return Host;
}

const projections: Record<string, Type<unknown>> = {
  'good-list': projectionHost('good-list', ({ items, tags }) => [
    `create table ${items} (id text primary key)`,
    `create table ${tags} (item text not null references ${items} (id), tag text not null)`,
  ]),
  // Its first table would be created; its second statement names a column that does not exist.
  'broken-list': projectionHost('broken-list', ({ items, tags }) => [
    `create table ${items} (id text primary key)`,
    `create table ${tags} (item text not null references ${items} (missing), tag text not null)`,
  ]),
};

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: tallyCatalog }),
    ReadModelModule.forService(MIGRATION_TESTS_SERVICE),
  ],
  providers: (process.env.PROJECTIONS ?? '').split(',').map((name) => projections[name]),
})
class MigrationTestsModule {}

bootstrapService({
  serviceName: MIGRATION_TESTS_SERVICE,
  module: MigrationTestsModule,
  config: ReadModelConfig,
  port: 0,
}).catch(() => process.exit(1));
