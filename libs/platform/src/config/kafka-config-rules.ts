import { readFileSync } from 'node:fs';
import { ValidateBy, type ValidationArguments } from 'class-validator';
import { isLoopbackHost } from './auth-config-rules';

/*
 * The configuration rules of Kafka security: a setting that means nothing
 * without another is refused rather than silently ignored (credentials without
 * a mechanism, certificates without TLS), files are read at start, and a PLAIN
 * password never crosses a network unencrypted.
 */

/** The Kafka variables the rules below read from the configuration being validated. */
interface KafkaEnvironment {
  readonly KAFKA_BROKERS?: readonly string[];
  readonly KAFKA_SSL?: boolean;
  readonly KAFKA_SASL_MECHANISM?: string;
  readonly KAFKA_SASL_PASSWORD_FILE?: string;
}

const environmentOf = (args?: ValidationArguments): KafkaEnvironment =>
  (args?.object ?? {}) as KafkaEnvironment;

/** `true` and `false` (any case) as booleans; anything else stays as it is, for @IsBoolean to refuse. */
export const booleanFlag = ({ value }: { value: unknown }): unknown => {
  const flag = typeof value === 'string' ? value.toLowerCase() : value;
  return flag === 'true' ? true : flag === 'false' ? false : value;
};

/** Why the file at `path` cannot serve (unreadable, empty, not PEM), or undefined when it can. */
function fileProblem(path: string, pem: boolean): string | undefined {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    // What readFileSync throws is an ErrnoException (not always `instanceof Error` across realms).
    return (error as NodeJS.ErrnoException).message;
  }
  if (content.trim().length === 0) return `${path} is empty`;
  if (pem && !content.includes('-----BEGIN ')) return `${path} is not PEM (no -----BEGIN line)`;
  return undefined;
}

/** On a file path: the file is read at start, so a missing or unreadable one stops the service there. */
export function ReadableFile(options: { pem: boolean }): PropertyDecorator {
  return ValidateBy({
    name: 'readableFile',
    validator: {
      // Whether a value is there at all is the other rules' to say.
      validate: (path: unknown) =>
        typeof path !== 'string' || fileProblem(path, options.pem) === undefined,
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'the file'} cannot be used: ${fileProblem(String(args?.value), options.pem) ?? 'unreadable'}`,
    },
  });
}

function OnlyWith(
  name: string,
  isMet: (env: KafkaEnvironment) => boolean,
  missing: string,
): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value === undefined || isMet(environmentOf(args)),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'this variable'} is set but ${missing}`,
    },
  });
}

/** On a SASL credential: refused without KAFKA_SASL_MECHANISM, which alone turns SASL on. */
export const OnlyWithSaslMechanism = (): PropertyDecorator =>
  OnlyWith(
    'onlyWithSaslMechanism',
    (env) => env.KAFKA_SASL_MECHANISM !== undefined,
    'KAFKA_SASL_MECHANISM is not (plain, scram-sha-256 or scram-sha-512)',
  );

/** On a TLS file: refused unless KAFKA_SSL=true. */
export const OnlyWithKafkaSsl = (): PropertyDecorator =>
  OnlyWith('onlyWithKafkaSsl', (env) => env.KAFKA_SSL === true, 'KAFKA_SSL is not true');

/** On KAFKA_SASL_PASSWORD: the password comes from the variable or from the file, not both. */
export const NotWithPasswordFile = (): PropertyDecorator =>
  OnlyWith(
    'notWithPasswordFile',
    (env) => env.KAFKA_SASL_PASSWORD_FILE === undefined,
    'so is KAFKA_SASL_PASSWORD_FILE: set one of them',
  );

/** On KAFKA_SASL_MECHANISM: PLAIN sends the password as it is, so only over TLS or to this machine. */
export function PlainOnlyOverTls(): PropertyDecorator {
  return ValidateBy({
    name: 'plainOnlyOverTls',
    validator: {
      validate: (mechanism: unknown, args?: ValidationArguments) => {
        const env = environmentOf(args);
        return (
          mechanism !== 'plain' ||
          env.KAFKA_SSL === true ||
          (env.KAFKA_BROKERS ?? []).every((broker) => isLoopbackHost(broker.split(':')[0]))
        );
      },
      defaultMessage: () =>
        'KAFKA_SASL_MECHANISM=plain sends the password in clear text: set KAFKA_SSL=true ' +
        '(or use scram-sha-512, which never sends it)',
    },
  });
}
