import { PolicyFileError, readPolicyEntries } from '@hirestream/platform';
import type { Static, TSchema } from '@sinclair/typebox';
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

const entriesOf = <S extends TSchema>(dir: string, file: string, entry: S): Static<S>[] =>
  readPolicyEntries('offers', dir, file, entry);

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
        throw new PolicyFileError(
          'offers',
          file,
          `${what} ${key} is in both ${other} and ${entry.id}`,
        );
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
  const approvalRules = entriesOf(dir, 'approval-rules.json', ApprovalRule);
  const compensationBands = entriesOf(dir, 'compensation-bands.json', CompensationBand);
  const contingencyKinds = entriesOf(dir, 'contingency-kinds.json', ContingencyKind);
  const rules = currentEntries(approvalRules);
  const bands = currentEntries(compensationBands);
  claimedOnce('approval-rules.json', rules, (rule) => rule.jobLevels, 'job level');
  claimedOnce('compensation-bands.json', bands, (band) => band.jobIds, 'job');
  compensationBands.forEach((band, index) => {
    if (band.baseSalaryMinor.min > band.baseSalaryMinor.max) {
      throw new PolicyFileError(
        'offers',
        'compensation-bands.json',
        `${index}.baseSalaryMinor.min is above max in ${band.id} version ${band.version}`,
      );
    }
  });
  for (const band of bands) {
    if (!rules.some((rule) => rule.jobLevels.includes(band.jobLevel))) {
      throw new PolicyFileError(
        'offers',
        'compensation-bands.json',
        `${band.id}.jobLevel ${band.jobLevel} has no approval rule in approval-rules.json`,
      );
    }
  }
  return { approvalRules, compensationBands, contingencyKinds };
}
