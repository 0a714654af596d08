import { DECLINED_ANSWER, identifier, nullable, singleLineText } from '@hirestream/contracts';
import { PolicyFileError, readPolicyEntries } from '@hirestream/platform';
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';
import {
  selfIdentificationPoliciesInForce,
  type SelfIdentificationPolicy,
} from './self-identification-policy';

const SERVICE = 'analytics';
export const SELF_IDENTIFICATION_POLICY_FILE = 'self-identification-policies.json';

/** The service's own policies, used unless `ANALYTICS_POLICIES_DIR` names another folder. */
export const DEFAULT_POLICIES_DIR = join(__dirname, '..', '..', 'policies');

/** Group names the adverse-impact table keeps for itself. */
const RESERVED_CHOICES = new Set([DECLINED_ANSWER, 'unknown']);

const CategoryEntry = Type.Object(
  {
    category: identifier(),
    choices: Type.Array(identifier(), { minItems: 2, maxItems: 30, uniqueItems: true }),
  },
  { additionalProperties: false },
);

const SelfIdentificationPolicyEntry = Type.Object(
  {
    id: identifier(),
    version: Type.Integer({ minimum: 1 }),
    jurisdiction: identifier(),
    name: singleLineText(200),
    jobIds: nullable(Type.Array(identifier(), { minItems: 1, maxItems: 1_000, uniqueItems: true })),
    categories: Type.Array(CategoryEntry, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

function fail(problem: string): never {
  throw new PolicyFileError(SERVICE, SELF_IDENTIFICATION_POLICY_FILE, problem);
}

/** One default in force, no job twice, no category twice, no reserved choice. */
function checkPolicies(policies: readonly SelfIdentificationPolicy[]): void {
  const inForce = selfIdentificationPoliciesInForce(policies);
  const defaults = inForce.filter((policy) => policy.jobIds === null).map((policy) => policy.id);
  if (defaults.length !== 1) {
    fail(
      `exactly one policy in force must be the default (jobIds null); found ${defaults.length === 0 ? 'none' : defaults.join(', ')}`,
    );
  }
  const claimed = new Map<string, string>();
  for (const policy of inForce) {
    for (const job of policy.jobIds ?? []) {
      const other = claimed.get(job);
      if (other !== undefined) fail(`job ${job} is in both ${other} and ${policy.id}`);
      claimed.set(job, policy.id);
    }
  }
  for (const policy of policies) {
    const categories = new Set<string>();
    for (const { category, choices } of policy.categories) {
      if (categories.has(category)) fail(`${policy.id} v${policy.version} asks ${category} twice`);
      categories.add(category);
      const reserved = choices.find((choice) => RESERVED_CHOICES.has(choice));
      if (reserved !== undefined) {
        fail(
          `${policy.id} v${policy.version} ${category}: "${reserved}" is reserved (every category takes "${DECLINED_ANSWER}"; "unknown" counts those who gave nothing)`,
        );
      }
    }
  }
}

/**
 * Reads and checks the self-identification policies: a file that is missing, not JSON, breaks a
 * field rule, leaves a job to two policies or none, or names a category twice stops the start
 * with a message naming the file and the field.
 */
export function loadSelfIdentificationPolicies(
  dir: string = DEFAULT_POLICIES_DIR,
): SelfIdentificationPolicy[] {
  const policies: SelfIdentificationPolicy[] = readPolicyEntries(
    SERVICE,
    dir,
    SELF_IDENTIFICATION_POLICY_FILE,
    SelfIdentificationPolicyEntry,
  );
  checkPolicies(policies);
  return policies;
}
