import { ConfigValidationError, loadConfig } from '@hirestream/platform';
import { ReadModelConfig } from '../src';

const load = (DATABASE_URL?: string) =>
  loadConfig(ReadModelConfig, { AUTH_MODE: 'development', DATABASE_URL });

describe('DATABASE_URL', () => {
  it('defaults to the embedded server npm start runs', () => {
    expect(load().DATABASE_URL).toBe(
      'postgres://hirestream:hirestream-development@127.0.0.1:5433/hirestream',
    );
  });

  it.each([
    'postgres://reader:s3cret@db.internal:5432/hirestream',
    'postgresql://reader@127.0.0.1/hirestream?sslmode=verify-full&application_name=candidates-1',
    'postgres://reader:pa%23ss%2Fword@[::1]:5432/hirestream',
  ])('accepts %s', (url) => {
    expect(load(url).DATABASE_URL).toBe(url);
  });

  it.each([
    ['another scheme', 'mysql://reader:s3cret@db.internal/hirestream', 'must be a postgres://'],
    ['a port out of range', 'postgres://reader:s3cret@db.internal:99999/db', 'cannot be read'],
    ['a port that is not a number', 'postgres://reader:s3cret@db.internal:pg/db', 'cannot be read'],
    [
      'an unencoded # in the password',
      'postgres://reader:s3#cret@db.internal/db',
      'cannot be read',
    ],
    ['an unclosed IPv6 bracket', 'postgres://reader:s3cret@[::1/db', 'cannot be read'],
    [
      'an SSL root certificate that cannot be read',
      'postgres://reader:s3cret@db.internal/db?sslrootcert=/nowhere/root.crt',
      'cannot be read as postgres://user:password@host:port/database (ENOENT',
    ],
    ['a space', 'postgres://reader:s3cret@db internal/db', 'must be a postgres://'],
  ])('refuses %s, naming the variable without echoing the password', (_, url, reason) => {
    let thrown: unknown;
    try {
      load(url);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    const { message } = thrown as Error;
    expect(message).toContain(`DATABASE_URL: DATABASE_URL ${reason}`);
    expect(message).not.toContain('s3');
  });
});
