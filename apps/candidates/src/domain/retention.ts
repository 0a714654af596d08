import type { CandidateStage, RetentionCause } from '@hirestream/contracts';
import type { PersonalDataState } from './personal-data.state';

/**
 * A retention policy: the personal data of a candidacy of a job in its
 * jurisdiction, once rejected or withdrawn, is erased `keepMonths` after the
 * decision unless the candidate consented to be kept longer. `jobIds` names the
 * jobs it governs; `null` makes it the default for every other job.
 */
export type RetentionPolicy = Readonly<{
  id: string;
  version: number;
  jurisdiction: string;
  name: string;
  jobIds: readonly string[] | null;
  keepMonths: number;
}>;

/** The decisions whose candidacies a policy erases: hired candidacies are kept, open ones go on. */
export const RETAINED_STAGES: ReadonlySet<CandidateStage> = new Set(['rejected', 'withdrawn']);

/**
 * The shortest a policy keeps data, and when a closed candidacy's policy is
 * first looked at: one month after the decision. A timer set at the decision
 * cannot know the job (the decision's event does not name it), so the first look
 * finds the candidacy's policy and either erases (a one-month policy) or
 * schedules the erasure at the policy's time.
 */
export const MIN_KEEP_MONTHS = 1;

/** `months` calendar months after `instant` (UTC), on the same day or the month's last. */
export function addMonths(instant: string, months: number): string {
  const at = new Date(instant);
  const target = new Date(at);
  target.setUTCDate(1);
  target.setUTCMonth(at.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  return target.toISOString();
}

/** The policies in force: the highest version of each. */
export function policiesInForce(policies: readonly RetentionPolicy[]): RetentionPolicy[] {
  const latest = new Map<string, RetentionPolicy>();
  for (const policy of policies) {
    const known = latest.get(policy.id);
    if (known === undefined || policy.version > known.version) latest.set(policy.id, policy);
  }
  return [...latest.values()];
}

/** The policy in force for a job: the one naming it, else the default (checked to exist at start). */
export function retentionPolicyForJob(
  policies: readonly RetentionPolicy[],
  jobId: string,
): RetentionPolicy {
  const inForce = policiesInForce(policies);
  const policy =
    inForce.find((candidate) => candidate.jobIds?.includes(jobId) === true) ??
    inForce.find((candidate) => candidate.jobIds === null);
  if (policy === undefined) throw new Error('no default retention policy is in force');
  return policy;
}

export type RetentionOutcome =
  | Readonly<{ kind: 'nothing' }>
  | Readonly<{ kind: 'schedule'; eraseAt: string; cause: RetentionCause }>
  | Readonly<{ kind: 'erase' }>;

/**
 * What a look at a closed candidacy's retention decides at `now`: erase its
 * personal data once the policy's time after the decision (`closedAt`) and any
 * consent to be kept have passed; else wait until the later of them. Nothing
 * for a candidacy erased already, or not rejected or withdrawn.
 */
export function retentionOutcome(
  state: PersonalDataState,
  look: Readonly<{ policy: RetentionPolicy; closedAt: string; now: string }>,
): RetentionOutcome {
  const { candidacy, erasure, consent } = state;
  if (candidacy === null || erasure !== null || !RETAINED_STAGES.has(candidacy.stage)) {
    return { kind: 'nothing' };
  }
  const byPolicy = addMonths(look.closedAt, look.policy.keepMonths);
  const byConsent =
    consent !== null && Date.parse(consent.keepUntil) > Date.parse(byPolicy)
      ? consent.keepUntil
      : undefined;
  const eraseAt = byConsent ?? byPolicy;
  if (Date.parse(eraseAt) <= Date.parse(look.now)) return { kind: 'erase' };
  return { kind: 'schedule', eraseAt, cause: byConsent === undefined ? 'policy' : 'consent' };
}
