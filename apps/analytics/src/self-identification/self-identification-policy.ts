import { DECLINED_ANSWER } from '@hirestream/contracts';

/**
 * What a jurisdiction asks candidates who choose to self-identify: its categories, each with its
 * choices; every category also takes `declined`. `jobIds` names the jobs it governs; `null` makes
 * it the default for every other job (as the candidates service's retention policies do).
 */
export type SelfIdentificationPolicy = Readonly<{
  id: string;
  version: number;
  jurisdiction: string;
  name: string;
  jobIds: readonly string[] | null;
  categories: readonly Readonly<{ category: string; choices: readonly string[] }>[];
}>;

/** The policies in force: the highest version of each. */
export function selfIdentificationPoliciesInForce(
  policies: readonly SelfIdentificationPolicy[],
): SelfIdentificationPolicy[] {
  const latest = new Map<string, SelfIdentificationPolicy>();
  for (const policy of policies) {
    const known = latest.get(policy.id);
    if (known === undefined || policy.version > known.version) latest.set(policy.id, policy);
  }
  return [...latest.values()];
}

/** The policy in force for a job: the one naming it, else the default (checked to exist at start). */
export function selfIdentificationPolicyForJob(
  policies: readonly SelfIdentificationPolicy[],
  jobId: string,
): SelfIdentificationPolicy {
  const inForce = selfIdentificationPoliciesInForce(policies);
  const policy =
    inForce.find((candidate) => candidate.jobIds?.includes(jobId) === true) ??
    inForce.find((candidate) => candidate.jobIds === null);
  if (policy === undefined) throw new Error('no default self-identification policy is in force');
  return policy;
}

/** The choices a category takes under the policy: its own and `declined`. */
export function choicesOf(policy: SelfIdentificationPolicy, category: string): readonly string[] {
  const found = policy.categories.find((candidate) => candidate.category === category);
  return found === undefined ? [] : [...found.choices, DECLINED_ANSWER];
}
