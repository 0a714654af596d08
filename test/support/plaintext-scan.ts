import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `folder`, however deep (a folder that vanished while read lists nothing). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return filesUnder(path);
      return Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * Where any of `texts` appears in the bytes of a file under `folders`, as UTF-8
 * or as UTF-16 (little-endian), `file: text` each: what a store kept in plaintext.
 */
export async function plaintextIn(
  folders: readonly string[],
  texts: readonly string[],
): Promise<string[]> {
  const needles = texts.flatMap((text) => [
    { text, bytes: Buffer.from(text, 'utf8') },
    { text, bytes: Buffer.from(text, 'utf16le') },
  ]);
  const found: string[] = [];
  for (const folder of folders) {
    for (const file of await filesUnder(folder)) {
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes === undefined) continue;
      for (const { text, bytes: needle } of needles) {
        if (bytes.includes(needle)) found.push(`${file}: ${text}`);
      }
    }
  }
  return [...new Set(found)];
}
