import { createHash } from 'node:crypto';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** A PostgreSQL identifier from a service or projection name: `background-checks` → `background_checks`. */
export function sqlName(name: string): string {
  const identifier = name.replaceAll('-', '_');
  if (!IDENTIFIER.test(identifier) || identifier.length > 63) {
    throw new Error(`${name} cannot name a PostgreSQL schema or table (lowercase, digits, - or _)`);
  }
  return identifier;
}

/** A 64-bit advisory-lock key for a name, the same in every process. */
export function lockKey(name: string): string {
  return BigInt.asIntN(
    64,
    createHash('sha256').update(name).digest().readBigUInt64BE(0),
  ).toString();
}
