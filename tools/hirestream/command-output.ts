/** `--json` output: one JSON document on stdout, bigints as decimal strings. */
export function printJson(value: unknown): void {
  console.log(
    JSON.stringify(
      value,
      (_, item: unknown) => (typeof item === 'bigint' ? item.toString() : item),
      2,
    ),
  );
}

/** A hash shortened for people to read (the whole one is in `--json`). */
export function shortHash(hash: string | null | undefined): string {
  return hash === undefined || hash === null ? 'no hash' : `${hash.slice(0, 12)}…`;
}
