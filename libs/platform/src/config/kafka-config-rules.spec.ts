import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir';
import { ConfigValidationError, loadConfig } from './config-loader';
import { PlatformConfig } from './platform.config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

let dir: string;
let pemFile: string;
let passwordFile: string;

beforeAll(async () => {
  dir = await makeTempDir('kafka-config');
  pemFile = join(dir, 'ca.pem');
  passwordFile = join(dir, 'password');
  await writeFile(pemFile, PEM);
  await writeFile(passwordFile, 's3cret\n');
});

afterAll(() => removeTempDir(dir));

const load = (env: Record<string, string>) =>
  loadConfig(PlatformConfig, { AUTH_MODE: 'development', KAFKA_BROKERS: 'kafka-1:9093', ...env });

/** The message of the problem `variable` has under `env`; undefined if there is none. */
function refusalOf(env: Record<string, string>, variable: string): string | undefined {
  try {
    load(env);
    return undefined;
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    return error.problems.find((problem) => problem.variable === variable)?.message;
  }
}

describe('Kafka security configuration', () => {
  it('is off by default: no TLS, no SASL', () => {
    expect(load({})).toMatchObject({ KAFKA_SSL: false });
    expect(load({}).KAFKA_SASL_MECHANISM).toBeUndefined();
  });

  it('accepts SASL over TLS with a CA, a client certificate and a password file', () => {
    const config = load({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: pemFile,
      KAFKA_SSL_CERT_FILE: pemFile,
      KAFKA_SSL_KEY_FILE: pemFile,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'candidates',
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    expect(config).toMatchObject({ KAFKA_SSL: true, KAFKA_SASL_MECHANISM: 'scram-sha-512' });
  });

  it('accepts PLAIN to a broker on this machine without TLS', () => {
    const config = load({
      KAFKA_BROKERS: '127.0.0.1:9092,localhost:9093',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'candidates',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(config.KAFKA_SASL_MECHANISM).toBe('plain');
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    [
      'a mechanism without a username',
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'x' },
      'KAFKA_SASL_USERNAME',
      /KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set/,
    ],
    [
      'a mechanism without a password',
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' },
      'KAFKA_SASL_PASSWORD',
      /KAFKA_SASL_PASSWORD \(or KAFKA_SASL_PASSWORD_FILE\) is required/,
    ],
    [
      'credentials without a mechanism',
      { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'x' },
      'KAFKA_SASL_USERNAME',
      /KAFKA_SASL_USERNAME is set but KAFKA_SASL_MECHANISM is not/,
    ],
    [
      'a password and a password file',
      {
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'x',
        KAFKA_SASL_PASSWORD_FILE: '/dev/null',
      },
      'KAFKA_SASL_PASSWORD',
      /so is KAFKA_SASL_PASSWORD_FILE: set one of them/,
    ],
    [
      'an unknown mechanism',
      { KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'x' },
      'KAFKA_SASL_MECHANISM',
      /must be one of plain, scram-sha-256, scram-sha-512/,
    ],
    [
      'PLAIN to a network broker without TLS',
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'x' },
      'KAFKA_SASL_MECHANISM',
      /plain sends the password in clear text: set KAFKA_SSL=true/,
    ],
    ['a KAFKA_SSL that is not a boolean', { KAFKA_SSL: 'yes' }, 'KAFKA_SSL', /true or false/],
    [
      'a CA file without TLS',
      { KAFKA_SSL_CA_FILE: __filename },
      'KAFKA_SSL_CA_FILE',
      /KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true/,
    ],
    [
      'a client certificate without its key',
      { KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: __filename },
      'KAFKA_SSL_KEY_FILE',
      /KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE/,
    ],
  ])('refuses %s, naming the variable', (_case, env, variable, message) => {
    expect(refusalOf(env, variable)).toMatch(message);
  });

  it('refuses a file that is missing, cannot be read, is empty, or is not PEM', async () => {
    const empty = join(dir, 'empty');
    const notPem = join(dir, 'ca.der');
    await writeFile(empty, '\n');
    await writeFile(notPem, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    const sasl = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' };

    expect(
      refusalOf(
        { KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') },
        'KAFKA_SSL_CA_FILE',
      ),
    ).toMatch(/KAFKA_SSL_CA_FILE cannot be used: ENOENT/);
    expect(
      refusalOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notPem }, 'KAFKA_SSL_CA_FILE'),
    ).toMatch(/is not PEM/);
    expect(
      refusalOf({ ...sasl, KAFKA_SASL_PASSWORD_FILE: empty }, 'KAFKA_SASL_PASSWORD_FILE'),
    ).toMatch(/KAFKA_SASL_PASSWORD_FILE cannot be used: .* is empty/);
    // A directory cannot be read as a file, whoever runs the test (root reads a mode-000 file).
    expect(
      refusalOf({ ...sasl, KAFKA_SASL_PASSWORD_FILE: dir }, 'KAFKA_SASL_PASSWORD_FILE'),
    ).toMatch(/EISDIR/);
  });
});
