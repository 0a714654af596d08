import {
  calendarDate,
  CHECK_ITEM_KINDS,
  identifier,
  MAX_WAITING_BUSINESS_DAYS,
  multiLineText,
  nullable,
  oneOf,
  sha256Digest,
  singleLineText,
  timeZoneName,
} from '@hirestream/contracts';
import { PolicyFileError, readPolicyEntries } from '@hirestream/platform';
import { Type } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  currentPolicy,
  type CheckPackage,
  type CheckPolicies,
  type CheckSelection,
  type Jurisdiction,
  type PolicyDocument,
} from '../domain/check-policies';

const SERVICE = 'background-checks';

/** The service's own policies, used unless `BACKGROUND_CHECKS_POLICIES_DIR` names another folder. */
export const DEFAULT_POLICIES_DIR = join(__dirname, '..', '..', 'policies');

/** The most items a check may have (the contracts' limit). */
const MAX_CHECK_ITEMS = 30;

const versioned = { id: identifier(), version: Type.Integer({ minimum: 1 }) };

const PackageEntry = Type.Object(
  {
    ...versioned,
    name: singleLineText(200),
    items: Type.Array(
      Type.Object(
        {
          kind: oneOf(CHECK_ITEM_KINDS),
          count: Type.Integer({ minimum: 1, maximum: 10 }),
          subject: nullable(singleLineText(200)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_CHECK_ITEMS },
    ),
  },
  { additionalProperties: false },
);

const DocumentEntry = Type.Object(
  {
    documentId: identifier(),
    version: Type.Integer({ minimum: 1 }),
    title: singleLineText(200),
    text: multiLineText(50_000),
    sha256: sha256Digest(),
  },
  { additionalProperties: false },
);

const JurisdictionEntry = Type.Object(
  {
    ...versioned,
    name: singleLineText(200),
    timeZone: timeZoneName(),
    holidays: Type.Array(calendarDate(), { maxItems: 1_000, uniqueItems: true }),
    waitingBusinessDays: Type.Integer({ minimum: 1, maximum: MAX_WAITING_BUSINESS_DAYS }),
    automaticFinalAction: Type.Boolean(),
    disclosure: DocumentEntry,
    summaryOfRights: DocumentEntry,
  },
  { additionalProperties: false },
);

const SelectionEntry = Type.Object(
  {
    ...versioned,
    jobIds: nullable(Type.Array(identifier(), { minItems: 1, maxItems: 1_000, uniqueItems: true })),
    packageId: identifier(),
    jurisdictionId: identifier(),
  },
  { additionalProperties: false },
);

const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function checkDocument(file: string, where: string, document: PolicyDocument): void {
  const actual = sha256Of(document.text);
  if (actual !== document.sha256) {
    throw new PolicyFileError(
      SERVICE,
      file,
      `${where}.sha256 is not the SHA-256 of the document's text (which is ${actual})`,
    );
  }
}

function checkPackageSizes(packages: readonly CheckPackage[]): void {
  packages.forEach((checkPackage, index) => {
    const items = checkPackage.items.reduce((total, item) => total + item.count, 0);
    if (items > MAX_CHECK_ITEMS) {
      throw new PolicyFileError(
        SERVICE,
        'packages.json',
        `${index}.items add up to ${items} items; a check has at most ${MAX_CHECK_ITEMS}`,
      );
    }
  });
}

/** The selections in force name known entries, and no job (nor the default) twice. */
function checkSelections(policies: CheckPolicies): void {
  const file = 'check-selections.json';
  const ids = new Set(policies.selections.map((selection) => selection.id));
  const inForce = [...ids].flatMap((id) => currentPolicy(policies.selections, id) ?? []);
  const claimed = new Map<string, string>();
  for (const selection of inForce) {
    if (currentPolicy(policies.packages, selection.packageId) === undefined) {
      throw new PolicyFileError(
        SERVICE,
        file,
        `${selection.id}.packageId ${selection.packageId} is not in packages.json`,
      );
    }
    if (currentPolicy(policies.jurisdictions, selection.jurisdictionId) === undefined) {
      throw new PolicyFileError(
        SERVICE,
        file,
        `${selection.id}.jurisdictionId ${selection.jurisdictionId} is not in jurisdictions.json`,
      );
    }
    for (const job of selection.jobIds ?? ['(the default)']) {
      const other = claimed.get(job);
      if (other !== undefined) {
        throw new PolicyFileError(
          SERVICE,
          file,
          `job ${job} is in both ${other} and ${selection.id}`,
        );
      }
      claimed.set(job, selection.id);
    }
  }
}

/**
 * Reads and checks the policy files: packages, jurisdictions (each document's
 * SHA-256 must be that of its text) and which job uses which. A file that is
 * missing, not JSON, breaks a field rule or contradicts another stops the
 * start with a message naming the file and the field.
 */
export function loadCheckPolicies(dir: string = DEFAULT_POLICIES_DIR): CheckPolicies {
  const packages: CheckPackage[] = readPolicyEntries(SERVICE, dir, 'packages.json', PackageEntry);
  const jurisdictions: Jurisdiction[] = readPolicyEntries(
    SERVICE,
    dir,
    'jurisdictions.json',
    JurisdictionEntry,
  );
  const selections: CheckSelection[] = readPolicyEntries(
    SERVICE,
    dir,
    'check-selections.json',
    SelectionEntry,
  );
  checkPackageSizes(packages);
  jurisdictions.forEach((jurisdiction, index) => {
    checkDocument('jurisdictions.json', `${index}.disclosure`, jurisdiction.disclosure);
    checkDocument('jurisdictions.json', `${index}.summaryOfRights`, jurisdiction.summaryOfRights);
  });
  const policies = { packages, jurisdictions, selections };
  checkSelections(policies);
  return policies;
}
