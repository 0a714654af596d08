/** Readers of command-line flag values that name the flag and the rule when a value is wrong. */

export function parsePort(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a port number from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`${flag} must be a non-negative integer, got "${value}"`);
  }
  return count;
}

export function parseBoolean(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') {
    throw new Error(`${flag} must be true or false, got "${value}"`);
  }
  return value === 'true';
}
