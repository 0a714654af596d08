import { PlatformConfig } from '@hirestream/platform';
import { Matches, ValidateBy, type ValidationArguments } from 'class-validator';
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
}
