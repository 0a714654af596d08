import { identifier, nullable, singleLineText } from '@hirestream/contracts';
import { PolicyFileError, readPolicyEntries } from '@hirestream/platform';
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';
import { MIN_KEEP_MONTHS, policiesInForce, type RetentionPolicy } from '../domain/retention';

const SERVICE = 'candidates';
export const RETENTION_POLICY_FILE = 'retention-policies.json';

/** The service's own policies, used unless `CANDIDATES_POLICIES_DIR` names another folder. */
export const DEFAULT_POLICIES_DIR = join(__dirname, '..', '..', 'policies');

/** The longest a policy may keep a closed candidacy's data: ten years. */
const MAX_KEEP_MONTHS = 120;

const RetentionPolicyEntry = Type.Object(
  {
    id: identifier(),
    version: Type.Integer({ minimum: 1 }),
    jurisdiction: identifier(),
    name: singleLineText(200),
    jobIds: nullable(Type.Array(identifier(), { minItems: 1, maxItems: 1_000, uniqueItems: true })),
    keepMonths: Type.Integer({ minimum: MIN_KEEP_MONTHS, maximum: MAX_KEEP_MONTHS }),
  },
  { additionalProperties: false },
);

/** The policies in force have one default (jobIds null) and name no job twice. */
function checkJobs(policies: readonly RetentionPolicy[]): void {
  const inForce = policiesInForce(policies);
  const defaults = inForce.filter((policy) => policy.jobIds === null).map((policy) => policy.id);
  if (defaults.length !== 1) {
    throw new PolicyFileError(
      SERVICE,
      RETENTION_POLICY_FILE,
      `exactly one policy in force must be the default (jobIds null); found ${defaults.length === 0 ? 'none' : defaults.join(', ')}`,
    );
  }
  const claimed = new Map<string, string>();
  for (const policy of inForce) {
    for (const job of policy.jobIds ?? []) {
      const other = claimed.get(job);
      if (other !== undefined) {
        throw new PolicyFileError(
          SERVICE,
          RETENTION_POLICY_FILE,
          `job ${job} is in both ${other} and ${policy.id}`,
        );
      }
      claimed.set(job, policy.id);
    }
  }
}

/**
 * Reads and checks the retention policies: a file that is missing, not JSON,
 * breaks a field rule, or leaves a job to two policies or none stops the start
 * with a message naming the file and the field.
 */
export function loadRetentionPolicies(dir: string = DEFAULT_POLICIES_DIR): RetentionPolicy[] {
  const policies: RetentionPolicy[] = readPolicyEntries(
    SERVICE,
    dir,
    RETENTION_POLICY_FILE,
    RetentionPolicyEntry,
  );
  checkJobs(policies);
  return policies;
}
