import { SchemaValidator } from '@hirestream/contracts';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * A service's policies (packages, jurisdictions, approval rules, bands…) are
 * versioned data: JSON files of entries, each with an id and a version, read
 * and checked at start. Every version stays in the file, so what an event
 * stamped with an older version refers to can still be read.
 */

/** A policy file that cannot be used: the message names the service, the file and the field. */
export class PolicyFileError extends Error {
  constructor(service: string, file: string, problem: string) {
    super(`${service} policy ${file}: ${problem}`);
    this.name = 'PolicyFileError';
  }
}

const validator = new SchemaValidator({ text: 'check' });

/**
 * The entries of `dir/file`, a JSON array of `entry`, each id and version
 * listed once; anything else throws a `PolicyFileError` naming the field
 * (`2.items.0.kind must be one of …`).
 */
export function readPolicyEntries<S extends TSchema>(
  service: string,
  dir: string,
  file: string,
  entry: S,
): Static<S>[] {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    throw new PolicyFileError(
      service,
      join(dir, file),
      `cannot be read (${(error as Error).message})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyFileError(service, file, `is not JSON (${(error as Error).message})`);
  }
  const problems = validator.problems(Type.Array(entry, { minItems: 1 }), parsed);
  if (problems.length > 0) {
    const listed = problems.map(({ field, message }) => `${field || '(the file)'} ${message}`);
    throw new PolicyFileError(service, file, listed.join('; '));
  }
  const entries = parsed as Static<S>[];
  const seen = new Set<string>();
  entries.forEach((listed: unknown, index) => {
    const { id, version } = listed as { id?: unknown; version?: unknown };
    const key = `${String(id)}@${String(version)}`;
    if (seen.has(key)) {
      throw new PolicyFileError(
        service,
        file,
        `${index}.version: ${String(id)} version ${String(version)} is listed twice`,
      );
    }
    seen.add(key);
  });
  return entries;
}
