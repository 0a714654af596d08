/**
 * The promise's outcome, or an error once `ms` pass without one. The work goes on
 * unawaited: the caller cuts what it can (a connection).
 */
export function answeredWithin<R>(promise: Promise<R>, ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} got no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
