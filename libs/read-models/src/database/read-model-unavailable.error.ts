/** The read-model store (PostgreSQL) cannot be reached: a query is answered with 503. */
export class ReadModelUnavailableError extends Error {
  constructor(reason: string) {
    super(`the read-model store is unavailable (${reason}); try again shortly`);
    this.name = 'ReadModelUnavailableError';
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  // PostgreSQL's own: admin shutdown, crash shutdown, cannot connect now, too many connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * Whether an error of `pg` means the server could not be reached or went away.
 * Read by shape, not `instanceof Error`: a socket error is made by Node's own
 * `Error`, which is not the one of a VM context such as a jest test's.
 */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}
