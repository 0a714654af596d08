import type { PlatformConfig } from '@hirestream/platform';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

type KafkaSecurityConfig = Pick<
  PlatformConfig,
  | 'KAFKA_BROKERS'
  | 'KAFKA_SSL'
  | 'KAFKA_SSL_CA_FILE'
  | 'KAFKA_SSL_CERT_FILE'
  | 'KAFKA_SSL_KEY_FILE'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
  | 'KAFKA_SASL_PASSWORD_FILE'
>;

/**
 * The kafkajs client options of every Kafka client a service builds (its
 * `Kafka` and NestJS's Kafka transport): brokers, TLS and SASL from the
 * validated configuration. Files are read here, once, at start.
 */
export function kafkaClientConfig(config: KafkaSecurityConfig, clientId: string): KafkaConfig {
  const ssl = tlsOptions(config);
  const sasl = saslOptions(config);
  return {
    clientId,
    brokers: config.KAFKA_BROKERS,
    ...(ssl === undefined ? {} : { ssl }),
    ...(sasl === undefined ? {} : { sasl }),
  };
}

function tlsOptions(config: KafkaSecurityConfig): ConnectionOptions | true | undefined {
  if (!config.KAFKA_SSL) return undefined;
  const options: ConnectionOptions = {};
  if (config.KAFKA_SSL_CA_FILE !== undefined) {
    options.ca = read('KAFKA_SSL_CA_FILE', config.KAFKA_SSL_CA_FILE);
  }
  if (config.KAFKA_SSL_CERT_FILE !== undefined) {
    options.cert = read('KAFKA_SSL_CERT_FILE', config.KAFKA_SSL_CERT_FILE);
  }
  if (config.KAFKA_SSL_KEY_FILE !== undefined) {
    options.key = read('KAFKA_SSL_KEY_FILE', config.KAFKA_SSL_KEY_FILE);
  }
  // Node checks the brokers' certificates and host names; no setting here turns that off.
  return Object.keys(options).length === 0 ? true : options;
}

function saslOptions(config: KafkaSecurityConfig): SASLOptions | undefined {
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism === undefined) return undefined;
  const username = required('KAFKA_SASL_USERNAME', config.KAFKA_SASL_USERNAME);
  const password =
    config.KAFKA_SASL_PASSWORD ??
    read(
      'KAFKA_SASL_PASSWORD_FILE',
      required(
        'KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)',
        config.KAFKA_SASL_PASSWORD_FILE,
      ),
    ).replace(/\r?\n$/, '');
  return { mechanism, username, password };
}

function required(variable: string, value: string | undefined): string {
  if (value === undefined) {
    throw new Error(`${variable} is required when KAFKA_SASL_MECHANISM is set`);
  }
  return value;
}

function read(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // What readFileSync throws is an ErrnoException (not always `instanceof Error` across realms).
    throw new Error(`${variable} cannot be read: ${(error as NodeJS.ErrnoException).message}`, {
      cause: error,
    });
  }
}
