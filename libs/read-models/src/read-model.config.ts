import { PlatformConfig } from '@hirestream/platform';
import { Matches } from 'class-validator';

/** The configuration of a service with read models: the platform's, and where PostgreSQL is. */
export class ReadModelConfig extends PlatformConfig {
  /** `postgres://user:password@host:port/database`; the default is `npm start`'s embedded server. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// connection string',
  })
  DATABASE_URL = 'postgres://hirestream:hirestream-development@127.0.0.1:5433/hirestream';
}
