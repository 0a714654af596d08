import { loadConfig, PlatformConfig } from '@hirestream/platform';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { kafkaClientConfig } from './kafka-client-config';

const pem = (label: string) =>
  `-----BEGIN ${label}-----\nMIIBszCCAVmgAwIBAgIU\n-----END ${label}-----\n`;

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await makeTempDir('kafka-client-config');
  await writeFile(file('ca.pem'), pem('CERTIFICATE'));
  await writeFile(file('client.pem'), pem('CERTIFICATE'));
  await writeFile(file('client.key'), pem('PRIVATE KEY'));
  await writeFile(file('password'), 'from-a-secret\n');
});

afterAll(() => removeTempDir(dir));

const configOf = (env: Record<string, string>) =>
  loadConfig(PlatformConfig, { AUTH_MODE: 'development', ...env });

describe('kafkaClientConfig', () => {
  it('gives brokers and client id only by default, as the embedded broker on loopback needs', () => {
    expect(kafkaClientConfig(configOf({}), 'hirestream-candidates')).toEqual({
      clientId: 'hirestream-candidates',
      brokers: ['127.0.0.1:9092'],
    });
  });

  it('turns TLS on with the usual CAs when KAFKA_SSL is all there is', () => {
    const options = kafkaClientConfig(configOf({ KAFKA_SSL: 'TRUE' }), 'c');
    expect(options.ssl).toBe(true);
    expect(options.sasl).toBeUndefined();
  });

  it('reads the CA, client certificate and key files for TLS and takes SCRAM credentials', () => {
    const options = kafkaClientConfig(
      configOf({
        KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: file('ca.pem'),
        KAFKA_SSL_CERT_FILE: file('client.pem'),
        KAFKA_SSL_KEY_FILE: file('client.key'),
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'scheduling',
        KAFKA_SASL_PASSWORD: 'p4ss',
      }),
      'hirestream-scheduling-consumer',
    );
    expect(options).toEqual({
      clientId: 'hirestream-scheduling-consumer',
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      ssl: { ca: pem('CERTIFICATE'), cert: pem('CERTIFICATE'), key: pem('PRIVATE KEY') },
      sasl: { mechanism: 'scram-sha-512', username: 'scheduling', password: 'p4ss' },
    });
  });

  it('reads the password from KAFKA_SASL_PASSWORD_FILE without its trailing newline', () => {
    const options = kafkaClientConfig(
      configOf({
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'candidates',
        KAFKA_SASL_PASSWORD_FILE: file('password'),
      }),
      'c',
    );
    expect(options.sasl).toEqual({
      mechanism: 'plain',
      username: 'candidates',
      password: 'from-a-secret',
    });
  });

  it('refuses, naming the variable, a file gone since the configuration was checked', async () => {
    await writeFile(file('short-lived.pem'), pem('CERTIFICATE'));
    const config = configOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: file('short-lived.pem') });
    await rm(file('short-lived.pem'));
    expect(() => kafkaClientConfig(config, 'c')).toThrow(
      /KAFKA_SSL_CA_FILE cannot be read: ENOENT/,
    );
  });

  it('refuses SASL settings that skipped validation and lack a credential', () => {
    const unchecked = Object.assign(new PlatformConfig(), {
      KAFKA_SASL_MECHANISM: 'scram-sha-256' as const,
      KAFKA_SASL_PASSWORD: 'x',
    });
    expect(() => kafkaClientConfig(unchecked, 'c')).toThrow(
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set',
    );
  });
});
