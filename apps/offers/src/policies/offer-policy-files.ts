import { SchemaValidator } from '@hirestream/contracts';
import { Type, type TSchema } from '@sinclair/typebox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentEntries } from '../domain/approval-chain';
import {
  ApprovalRule,
  CompensationBand,
  ContingencyKind,
  type OfferPolicies,
} from '../domain/offer-policies';

/** The service's own policies, used unless `OFFERS_POLICIES_DIR` names another folder. */
export const DEFAULT_POLICIES_DIR = join(__dirname, '..', '..', 'policies');

/** A policy file that cannot be used: the message names the file and the field. */
export class PolicyFileError extends Error {
  constructor(file: string, problem: string) {
    super(`offers policy ${file}: ${problem}`);
    this.name = 'PolicyFileError';
  }
}

const validator = new SchemaValidator({ text: 'check' });

function entriesOf<T>(dir: string, file: string, entry: TSchema): T[] {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    throw new PolicyFileError(join(dir, file), `cannot be read (${(error as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PolicyFileError(file, `is not JSON (${(error as Error).message})`);
  }
  const problems = validator.problems(Type.Array(entry, { minItems: 1 }), parsed);
  if (problems.length > 0) {
    const listed = problems.map(({ field, message }) => `${field || '(the file)'} ${message}`);
    throw new PolicyFileError(file, listed.join('; '));
  }
  const entries = parsed as (T & { id: string; version: number })[];
  const seen = new Set<string>();
  entries.forEach(({ id, version }, index) => {
    if (seen.has(`${id}@${version}`)) {
      throw new PolicyFileError(file, `${index}.version: ${id} version ${version} is listed twice`);
    }
    seen.add(`${id}@${version}`);
  });
  return entries;
}

/** Throws naming the file and entry when two entries in force claim the same key. */
function claimedOnce<P extends { id: string }>(
  file: string,
  entries: readonly P[],
  keysOf: (entry: P) => readonly string[],
  what: string,
): void {
  const owner = new Map<string, string>();
  for (const entry of entries) {
    for (const key of keysOf(entry)) {
      const other = owner.get(key);
      if (other !== undefined) {
        throw new PolicyFileError(file, `${what} ${key} is in both ${other} and ${entry.id}`);
      }
      owner.set(key, entry.id);
    }
  }
}

/**
 * Reads and checks every policy file; a file that is missing, not JSON, breaks
 * a field rule, or contradicts another stops the start with a message naming
 * the file and the field.
 */
export function loadOfferPolicies(dir: string = DEFAULT_POLICIES_DIR): OfferPolicies {
  const approvalRules = entriesOf<ApprovalRule>(dir, 'approval-rules.json', ApprovalRule);
  const compensationBands = entriesOf<CompensationBand>(
    dir,
    'compensation-bands.json',
    CompensationBand,
  );
  const contingencyKinds = entriesOf<ContingencyKind>(
    dir,
    'contingency-kinds.json',
    ContingencyKind,
  );
  const rules = currentEntries(approvalRules);
  const bands = currentEntries(compensationBands);
  claimedOnce('approval-rules.json', rules, (rule) => rule.jobLevels, 'job level');
  claimedOnce('compensation-bands.json', bands, (band) => band.jobIds, 'job');
  compensationBands.forEach((band, index) => {
    if (band.baseSalaryMinor.min > band.baseSalaryMinor.max) {
      throw new PolicyFileError(
        'compensation-bands.json',
        `${index}.baseSalaryMinor.min is above max in ${band.id} version ${band.version}`,
      );
    }
  });
  for (const band of bands) {
    if (!rules.some((rule) => rule.jobLevels.includes(band.jobLevel))) {
      throw new PolicyFileError(
        'compensation-bands.json',
        `${band.id}.jobLevel ${band.jobLevel} has no approval rule in approval-rules.json`,
      );
    }
  }
  return { approvalRules, compensationBands, contingencyKinds };
}
