import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError } from '../command-error';
import type { AuditClient } from './audit-client';
import { printJson } from './command-output';
import { progressBar } from './progress-bar';

export type ExportTarget = Readonly<{ output: string | undefined }>;

/**
 * `audit export ID…`: each candidacy's bundle (`GET /candidates/:id/export`), one
 * request each (the service exports one candidacy at a time), written to `-o FILE`
 * for one id, into `-o DIRECTORY` for several, else into the current directory
 * under the name the service gives.
 */
export async function exportBundles(
  client: AuditClient,
  candidateIds: readonly string[],
  { output }: ExportTarget,
  json: boolean,
): Promise<number> {
  const several = candidateIds.length > 1;
  if (several && output !== undefined) mkdirSync(output, { recursive: true });
  const bar = several
    ? progressBar('exporting', '{value}/{total} candidates', candidateIds.length)
    : undefined;
  const written: { candidateId: string; file: string; bytes: number }[] = [];
  for (const candidateId of candidateIds) {
    const { bytes, fileName } = await client.download(
      `candidates/${encodeURIComponent(candidateId)}/export`,
    );
    const name = fileName ?? `candidate-${candidateId}.tar`;
    const file = several ? join(output ?? '.', name) : (output ?? name);
    try {
      writeFileSync(file, bytes);
    } catch (error) {
      throw new CommandError(
        `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    written.push({ candidateId, file, bytes: bytes.byteLength });
    bar?.update(written.length);
  }
  bar?.stop();
  if (json) printJson({ exported: written });
  else
    for (const { candidateId, file, bytes } of written)
      console.log(`${candidateId}: ${file} (${bytes} bytes)`);
  return 0;
}
