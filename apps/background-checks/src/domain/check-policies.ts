import type { CheckItemKind, StampedDocument } from '@hirestream/contracts';

/*
 * The service's policies as the deciders read them: versioned data loaded from
 * `policies/*.json` at start (see `policies/check-policy-files.ts`), handed to
 * the commands that need them. Every version stays, so an event stamped with
 * an older version can still be acted on under the rules it was started with.
 */

/** One item a package orders (`count` copies numbered 1…n, e.g. three references). */
export type PackageItem = Readonly<{ kind: CheckItemKind; count: number; subject: string | null }>;

export type CheckPackage = Readonly<{
  id: string;
  version: number;
  name: string;
  items: readonly PackageItem[];
}>;

/** A document the candidate is shown, with its text. */
export type PolicyDocument = StampedDocument & Readonly<{ title: string; text: string }>;

export type Jurisdiction = Readonly<{
  id: string;
  version: number;
  name: string;
  timeZone: string;
  /** Public holidays, as local dates (YYYY-MM-DD), skipped when counting business days. */
  holidays: readonly string[];
  waitingBusinessDays: number;
  /** Whether the final adverse action is taken by the system when the window ends. */
  automaticFinalAction: boolean;
  disclosure: PolicyDocument;
  summaryOfRights: PolicyDocument;
}>;

/** Which package and jurisdiction a job's checks use; `jobIds` null is the default for every other job. */
export type CheckSelection = Readonly<{
  id: string;
  version: number;
  jobIds: readonly string[] | null;
  packageId: string;
  jurisdictionId: string;
}>;

export type CheckPolicies = Readonly<{
  packages: readonly CheckPackage[];
  jurisdictions: readonly Jurisdiction[];
  selections: readonly CheckSelection[];
}>;

type Versioned = Readonly<{ id: string; version: number }>;

/** The entry with this id and version, if the policies hold it. */
export function policyVersion<P extends Versioned>(
  entries: readonly P[],
  id: string,
  version: number,
): P | undefined {
  return entries.find((entry) => entry.id === id && entry.version === version);
}

/** The version in force of the entry with this id: its highest. */
export function currentPolicy<P extends Versioned>(
  entries: readonly P[],
  id: string,
): P | undefined {
  return entries
    .filter((entry) => entry.id === id)
    .reduce<P | undefined>(
      (latest, entry) => (latest === undefined || entry.version > latest.version ? entry : latest),
      undefined,
    );
}

/** The selections in force: the highest version of each. */
function currentSelections(policies: CheckPolicies): CheckSelection[] {
  const ids = new Set(policies.selections.map((selection) => selection.id));
  return [...ids].flatMap((id) => currentPolicy(policies.selections, id) ?? []);
}

/**
 * The package and jurisdiction in force for a job: the selection naming the
 * job, else the default one (jobIds null); undefined when neither exists.
 */
export function checkPolicyForJob(
  policies: CheckPolicies,
  jobId: string,
): Readonly<{ checkPackage: CheckPackage; jurisdiction: Jurisdiction }> | undefined {
  const selections = currentSelections(policies);
  const selection =
    selections.find((candidate) => candidate.jobIds?.includes(jobId) === true) ??
    selections.find((candidate) => candidate.jobIds === null);
  if (selection === undefined) return undefined;
  const checkPackage = currentPolicy(policies.packages, selection.packageId);
  const jurisdiction = currentPolicy(policies.jurisdictions, selection.jurisdictionId);
  return checkPackage === undefined || jurisdiction === undefined
    ? undefined
    : { checkPackage, jurisdiction };
}
