import {
  CommandRejectedError,
  type ApprovalStep,
  type Compensation,
  type Contingency,
  type PolicyRef,
} from '@hirestream/contracts';
import type {
  ApprovalRule,
  CompensationBand,
  ContingencyKind,
  OfferPolicies,
} from './offer-policies';

type Versioned = Readonly<{ id: string; version: number }>;

/** The entries in force: the highest version of each id (older versions stay in the files). */
export function currentEntries<P extends Versioned>(entries: readonly P[]): P[] {
  const latest = new Map<string, P>();
  for (const entry of entries) {
    const seen = latest.get(entry.id);
    if (seen === undefined || entry.version > seen.version) latest.set(entry.id, entry);
  }
  return [...latest.values()];
}

const refOf = ({ id, version }: Versioned): PolicyRef => ({ id, version });

/** What the policies say an offer of this compensation for this job needs. */
export type ChosenApproval = Readonly<{
  jobLevel: string;
  approvalChain: readonly ApprovalStep[];
  withinBand: boolean;
  policies: Readonly<{ approvalRules: PolicyRef; compensationBand: PolicyRef }>;
}>;

function bandOf(policies: OfferPolicies, jobId: string): CompensationBand {
  const band = currentEntries(policies.compensationBands).find((b) => b.jobIds.includes(jobId));
  if (band === undefined) {
    throw new CommandRejectedError(
      'no-compensation-band',
      `no compensation band names job ${jobId}; add it to the compensation-bands policy`,
    );
  }
  return band;
}

function ruleOf(policies: OfferPolicies, jobLevel: string): ApprovalRule {
  const rule = currentEntries(policies.approvalRules).find((r) => r.jobLevels.includes(jobLevel));
  if (rule === undefined) {
    throw new CommandRejectedError(
      'no-approval-rule',
      `no approval rule covers job level ${jobLevel}; add it to the approval-rules policy`,
    );
  }
  return rule;
}

const above = (value: number | undefined, max: number | null): boolean =>
  value !== undefined && max !== null && value > max;

/**
 * Whether the compensation is within the band. A base salary in another
 * currency or pay period than the band's cannot be compared, so it counts as
 * outside: finance looks at it.
 */
export function withinBand(compensation: Compensation, band: CompensationBand): boolean {
  const { baseSalary, payPeriod, targetBonusBasisPoints, equity, signOnBonus } = compensation;
  if (baseSalary.currency !== band.currency || payPeriod !== band.payPeriod) return false;
  if (signOnBonus !== null && signOnBonus.currency !== band.currency) return false;
  return !(
    baseSalary.amountMinor > band.baseSalaryMinor.max ||
    above(targetBonusBasisPoints ?? undefined, band.targetBonusMaxBasisPoints) ||
    above(signOnBonus?.amountMinor, band.signOnBonusMaxMinor) ||
    above(equity?.units, band.equityUnitsMax)
  );
}

/**
 * The approval chain for an offer: the steps of the rule for the job's level,
 * in order, then (compensation outside the job's band) the band's extra steps
 * such as finance, each step once.
 */
export function chooseApproval(
  policies: OfferPolicies,
  jobId: string,
  compensation: Compensation,
): ChosenApproval {
  const band = bandOf(policies, jobId);
  const rule = ruleOf(policies, band.jobLevel);
  const inBand = withinBand(compensation, band);
  const extra = inBand
    ? []
    : band.aboveBandSteps.filter((step) => !rule.steps.some((s) => s.stepId === step.stepId));
  return {
    jobLevel: band.jobLevel,
    approvalChain: [...rule.steps, ...extra],
    withinBand: inBand,
    policies: { approvalRules: refOf(rule), compensationBand: refOf(band) },
  };
}

/** Each contingency kind named, as the contingency policy says it is met; unknown kinds refused. */
export function stampContingencies(
  policies: OfferPolicies,
  kinds: readonly string[],
): Contingency[] {
  const known = new Map<string, ContingencyKind>(
    currentEntries(policies.contingencyKinds).map((kind) => [kind.id, kind]),
  );
  return kinds.map((kind) => {
    const policy = known.get(kind);
    if (policy === undefined) {
      throw new CommandRejectedError(
        'unknown-contingency',
        `no contingency kind ${kind}; known: ${[...known.keys()].join(', ')}`,
      );
    }
    return { kind, settledBy: policy.settledBy, policyVersion: policy.version };
  });
}
