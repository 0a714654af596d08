/**
 * A bench's count flag (`--events 1_000_000`): `fallback` when absent, else a
 * positive whole number (underscores allowed), or an error naming the flag
 * followed by the bench's `usage`.
 */
export function benchCount(
  flag: string,
  text: string | undefined,
  fallback: number,
  usage: string,
): number {
  const value = text === undefined ? fallback : Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`--${flag} must be a positive whole number\n${usage}`);
  }
  return value;
}
