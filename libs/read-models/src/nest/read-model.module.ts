import { ProblemMapper, ReadinessRegistry, SingleActive } from '@hirestream/platform';
import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ReadModelDatabase } from '../database/read-model-database';
import { ReadModelUnavailableError } from '../database/read-model-unavailable.error';
import { ProjectionBuilds } from '../projection/projection-builds';
import { ProjectionMetrics } from '../projection/projection-metrics';
import { ProjectionWatch } from '../projection/projection-watch';
import { PostgresSingleActive } from '../passes/advisory-lease';
import { ReadModelConfig } from '../read-model.config';
import { personalDataVaultProvider } from '../personal-data/personal-data-vault.provider';
import { PersonalDataVault } from '@hirestream/personal-data';

/** Registers the store's readiness check and 503 answer, and closes its connections last. */
@Injectable()
class ReadModelConnection implements OnApplicationShutdown {
  constructor(
    private readonly db: ReadModelDatabase,
    private readonly watch: ProjectionWatch,
    readiness: ReadinessRegistry,
    problems: ProblemMapper,
  ) {
    readiness.register({ name: 'postgres', check: async () => void (await db.query('select 1')) });
    problems.add([
      {
        error: ReadModelUnavailableError,
        status: 503,
        title: 'The read-model store is unavailable',
      },
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watch.stop();
    await this.db.close();
  }
}

/**
 * A service's read models in PostgreSQL (`DATABASE_URL`), in the schema named
 * after the service, and its `PersonalDataVault` (the data keys are there too);
 * the service passes `config: ReadModelConfig`. Projections
 * are `PostgresProjectionHost` providers of the service's module.
 */
@Global()
@Module({})
export class ReadModelModule {
  static forService(service: string): DynamicModule {
    return {
      module: ReadModelModule,
      providers: [
        {
          provide: ReadModelDatabase,
          useFactory: (config: ReadModelConfig) =>
            new ReadModelDatabase(config.DATABASE_URL, service),
          inject: [ReadModelConfig],
        },
        {
          provide: ProjectionBuilds,
          useFactory: (db: ReadModelDatabase) => new ProjectionBuilds(db),
          inject: [ReadModelDatabase],
        },
        {
          provide: ProjectionWatch,
          useFactory: (db: ReadModelDatabase) => new ProjectionWatch(db),
          inject: [ReadModelDatabase],
        },
        {
          provide: SingleActive,
          useFactory: (db: ReadModelDatabase) => new PostgresSingleActive(db),
          inject: [ReadModelDatabase],
        },
        personalDataVaultProvider,
        ProjectionMetrics,
        ReadModelConnection,
      ],
      exports: [
        PersonalDataVault,
        ReadModelDatabase,
        ProjectionBuilds,
        ProjectionWatch,
        ProjectionMetrics,
        SingleActive,
      ],
    };
  }
}
