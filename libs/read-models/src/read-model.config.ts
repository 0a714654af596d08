import { PlatformConfig } from '@hirestream/platform';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { parse } from 'pg-connection-string';

/**
 * Why `pg` cannot read `value` as a connection string (a bad port, an unencoded
 * `#` or `/`, an SSL file it cannot read), or undefined when it can. Node's
 * "Invalid URL" message does not repeat the string, so no password is echoed.
 */
function connectionStringProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    parse(value);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The configuration of a service with read models: the platform's, and where PostgreSQL is. */
export class ReadModelConfig extends PlatformConfig {
  /**
   * `postgres://user:password@host:port/database`; the default is `npm start`'s
   * embedded server. A malformed one stops the start; one that cannot be reached
   * does not (the service reports not ready until it can).
   */
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must be a postgres:// connection string',
  })
  @ValidateBy({
    name: 'parsableConnectionString',
    validator: {
      validate: (value: unknown) => connectionStringProblem(value) === undefined,
      defaultMessage: (args?: ValidationArguments) =>
        `DATABASE_URL cannot be read as postgres://user:password@host:port/database (${connectionStringProblem(args?.value) ?? 'unreadable'}): ` +
        'the port must be a number up to 65535, an IPv6 host in brackets, and reserved ' +
        'characters of the user name and password (such as # / ? @ :) percent-encoded',
    },
  })
  DATABASE_URL = 'postgres://hirestream:hirestream-development@127.0.0.1:5433/hirestream';

  /**
   * The key-encryption key wrapping the personal-data keys: a file holding 32
   * bytes in base64 (`openssl rand -base64 32`), mounted from a secret in
   * production. Every service of a platform reads the same one. Where it does
   * not exist it is generated (outside production only: there a missing key
   * would make every stored personal value unreadable, so the start stops).
   */
  @IsString()
  @IsNotEmpty({ message: 'PERSONAL_DATA_KEK_FILE must name the key-encryption key file' })
  PERSONAL_DATA_KEK_FILE = '.data/personal-data/key-encryption-key';

  /**
   * How long a process keeps a data key in memory (ms): the longest another
   * process can still decrypt with a key after it is erased. 0: never kept.
   */
  @Type(() => Number)
  @IsInt({ message: 'PERSONAL_DATA_KEY_TTL_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  PERSONAL_DATA_KEY_TTL_MS = 60_000;
}
