import { readFileSync } from 'node:fs';
import type { SaslUser } from '@hirestream/embedded-kafka';

const usersFileShape = 'a JSON array of { "username": "...", "password": "..." }';

/**
 * The users of the embedded broker's SASL listener: from `--kafka-sasl-users FILE`,
 * else the one user a service's own variables name (KAFKA_SASL_USERNAME with
 * KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE), so that the same
 * environment starts the broker and the service that logs in to it.
 */
export function kafkaSaslUsers(usersFile: string | undefined, env: NodeJS.ProcessEnv): SaslUser[] {
  if (usersFile !== undefined) return readUsersFile(usersFile);
  const username = env.KAFKA_SASL_USERNAME;
  const password =
    env.KAFKA_SASL_PASSWORD ??
    (env.KAFKA_SASL_PASSWORD_FILE === undefined
      ? undefined
      : read('KAFKA_SASL_PASSWORD_FILE', env.KAFKA_SASL_PASSWORD_FILE).replace(/\r?\n$/, ''));
  if (username === undefined || password === undefined) {
    throw new Error(
      '--kafka-sasl-port needs users: --kafka-sasl-users FILE, or KAFKA_SASL_USERNAME with ' +
        'KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)',
    );
  }
  return [{ username, password }];
}

function readUsersFile(path: string): SaslUser[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(read('--kafka-sasl-users', path));
  } catch (error) {
    throw new Error(`--kafka-sasl-users ${path}: ${(error as Error).message} (${usersFileShape})`, {
      cause: error,
    });
  }
  const isUser = (value: unknown): value is SaslUser =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).username === 'string' &&
    typeof (value as Record<string, unknown>).password === 'string';
  if (!Array.isArray(parsed) || !parsed.every(isUser)) {
    throw new Error(`--kafka-sasl-users ${path} must hold ${usersFileShape}`);
  }
  return parsed.map(({ username, password }) => ({ username, password }));
}

function read(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${name} cannot be read: ${(error as NodeJS.ErrnoException).message}`, {
      cause: error,
    });
  }
}
