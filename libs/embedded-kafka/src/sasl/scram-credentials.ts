import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { SaslUser } from '../broker-options';

const pbkdf2Async = promisify(pbkdf2);

/** Kafka's minimum for SCRAM-SHA-512 (and kafkajs's), used for every user. */
export const SCRAM_ITERATIONS = 4096;
const SHA512_BYTES = 64;

/** What the server keeps of a password (RFC 5802 §3): never the password itself. */
export interface ScramCredential {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

export const hmacSha512 = (key: Buffer, data: string | Buffer): Buffer =>
  createHmac('sha512', key).update(data).digest();

export const sha512 = (data: Buffer): Buffer => createHash('sha512').update(data).digest();

/** SaltedPassword = Hi(password, salt, i); ClientKey, StoredKey and ServerKey from it. */
export async function scramCredential(
  password: string,
  salt: Buffer = randomBytes(32),
  iterations: number = SCRAM_ITERATIONS,
): Promise<ScramCredential> {
  // Kafka's ScramFormatter uses the password's UTF-8 bytes as they are (no SASLprep), as kafkajs does.
  const salted = await pbkdf2Async(
    Buffer.from(password, 'utf8'),
    salt,
    iterations,
    SHA512_BYTES,
    'sha512',
  );
  return {
    salt,
    iterations,
    storedKey: sha512(hmacSha512(salted, 'Client Key')),
    serverKey: hmacSha512(salted, 'Server Key'),
  };
}

/** Every user's credential, computed once when the broker starts (each with its own random salt). */
export async function scramCredentials(
  users: readonly SaslUser[],
): Promise<ReadonlyMap<string, ScramCredential>> {
  const entries = await Promise.all(
    users.map(
      async ({ username, password }) => [username, await scramCredential(password)] as const,
    ),
  );
  return new Map(entries);
}
