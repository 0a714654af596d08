import {
  ADJUDICATIONS,
  AggregateNotFoundError,
  CHECK_ITEM_KINDS,
  CHECK_OUTCOMES,
  checkStanding,
  identifier,
  nullable,
  oneOf,
  PolicyVersion,
  StampedDocument,
  timeZoneName,
  utcInstant,
  uuid,
  type CheckFacts,
} from '@hirestream/contracts';
import { entityTagOf } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { BackgroundCheckState } from '../domain/background-check.state';
import { policyVersion, type CheckPolicies, type PolicyDocument } from '../domain/check-policies';

const CHECK_PHASES = [
  'awaiting-consent',
  'consent-declined',
  'consented',
  'ordered',
  'consent-withdrawn',
  'completed',
  'cancelled',
] as const;
const ITEM_STATUSES = [
  'pending',
  'ordered',
  'in-progress',
  'clear',
  'consider',
  'suspended',
  'cancelled',
] as const;
const ADVERSE_ACTION_PHASES = ['waiting', 'disputed', 'elapsed', 'taken', 'corrected'] as const;
const STANDINGS = ['pending', 'clear', 'adverse', 'cancelled'] as const;

const text = () => Type.String();
const revision = () => Type.String({ pattern: '^\\d+$' });

/** A document as the candidate reads it: pinned by version and SHA-256, with its text. */
const DocumentView = Type.Object(
  { ...StampedDocument.properties, title: text(), text: text() },
  { title: 'CheckDocument', additionalProperties: false },
);
type DocumentView = Static<typeof DocumentView>;

const ItemView = Type.Object(
  {
    itemId: identifier(),
    kind: oneOf(CHECK_ITEM_KINDS),
    subject: nullable(text()),
    status: oneOf(ITEM_STATUSES),
    providerReference: nullable(text()),
    adjudication: nullable(oneOf(ADJUDICATIONS)),
    summary: nullable(text()),
    reportReference: nullable(text()),
  },
  { additionalProperties: false },
);

const AdverseActionView = Type.Object(
  {
    phase: oneOf(ADVERSE_ACTION_PHASES),
    itemIds: Type.Array(identifier()),
    reportCopyReference: text(),
    summaryOfRights: StampedDocument,
    timeZone: timeZoneName(),
    waitingBusinessDays: Type.Integer(),
    automaticFinalAction: Type.Boolean(),
    windowEndsAt: nullable(utcInstant()),
    remainingMs: nullable(Type.Integer()),
  },
  { additionalProperties: false },
);

/** A check as staff read it: every item with its summary and report reference, never a raw report. */
export const CheckView = Type.Object(
  {
    candidateId: uuid(),
    checkId: uuid(),
    phase: oneOf(CHECK_PHASES),
    standing: oneOf(STANDINGS),
    package: PolicyVersion,
    jurisdiction: PolicyVersion,
    disclosure: StampedDocument,
    provider: nullable(
      Type.Object({ name: text(), orderId: text() }, { additionalProperties: false }),
    ),
    outcome: nullable(oneOf(CHECK_OUTCOMES)),
    items: Type.Array(ItemView),
    adverseAction: nullable(AdverseActionView),
    revision: revision(),
  },
  { title: 'BackgroundCheck', additionalProperties: false },
);
export type CheckView = Static<typeof CheckView>;

/**
 * A check as the candidate reads it: the disclosure to consent to, and the
 * notices sent to them (the pre-adverse-action notice with the summary of
 * their rights and the window, and whether the final action was taken).
 */
export const CandidateCheckView = Type.Object(
  {
    candidateId: uuid(),
    checkId: uuid(),
    phase: oneOf(CHECK_PHASES),
    disclosure: DocumentView,
    preAdverseActionNotice: nullable(
      Type.Object(
        {
          reportCopyReference: text(),
          summaryOfRights: DocumentView,
          waitingBusinessDays: Type.Integer(),
          timeZone: timeZoneName(),
          windowEndsAt: nullable(utcInstant()),
          disputeOpen: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    finalAdverseActionTaken: Type.Boolean(),
    revision: revision(),
  },
  { title: 'BackgroundCheckForCandidate', additionalProperties: false },
);
export type CandidateCheckView = Static<typeof CandidateCheckView>;

export type CheckRead = Readonly<{ state: BackgroundCheckState; revision: bigint | undefined }>;

type Reply = { header(name: string, value: string): unknown };

/** The candidacy's current check (or the one named); 404 when there is none. */
function currentCheck(
  { state, revision }: CheckRead,
  candidateId: string,
  checkId?: string,
): { check: CheckFacts; revision: bigint } {
  const { check } = state;
  if (revision === undefined || state.candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  if (check === null || (checkId !== undefined && check.checkId !== checkId)) {
    throw new AggregateNotFoundError(
      `candidate ${candidateId} has no background check${checkId === undefined ? '' : ` ${checkId}`}`,
    );
  }
  return { check, revision };
}

/** Answers with the check as staff read it, its ETag the candidate stream's revision. */
export function replyWithCheck(
  reply: Reply,
  read: CheckRead,
  candidateId: string,
  checkId?: string,
): CheckView {
  const { check, revision: at } = currentCheck(read, candidateId, checkId);
  reply.header('etag', entityTagOf(at));
  const { checkId: id, phase, package: checkPackage, jurisdiction, disclosure } = check;
  return {
    candidateId,
    checkId: id,
    phase,
    standing: checkStanding(check) as CheckView['standing'],
    package: checkPackage,
    jurisdiction,
    disclosure,
    provider: check.provider,
    outcome: check.outcome,
    items: check.items.map((item) => ({ ...item })),
    adverseAction:
      check.adverseAction === null
        ? null
        : { ...check.adverseAction, itemIds: [...check.adverseAction.itemIds] },
    revision: at.toString(),
  };
}

function documentView(document: PolicyDocument): DocumentView {
  const { documentId, version, sha256, title, text: body } = document;
  return { documentId, version, sha256, title, text: body };
}

/** Answers with what the candidate is shown: the disclosure and the notices, with their texts. */
export function replyWithCandidateCheck(
  reply: Reply,
  read: CheckRead,
  candidateId: string,
  policies: CheckPolicies,
): CandidateCheckView {
  const { check, revision: at } = currentCheck(read, candidateId);
  const jurisdiction = policyVersion(
    policies.jurisdictions,
    check.jurisdiction.id,
    check.jurisdiction.version,
  );
  if (jurisdiction === undefined) {
    throw new Error(
      `the policies no longer hold jurisdiction ${check.jurisdiction.id} version ${check.jurisdiction.version}`,
    );
  }
  reply.header('etag', entityTagOf(at));
  const notice = check.adverseAction;
  return {
    candidateId,
    checkId: check.checkId,
    phase: check.phase,
    disclosure: documentView(jurisdiction.disclosure),
    preAdverseActionNotice:
      notice === null
        ? null
        : {
            reportCopyReference: notice.reportCopyReference,
            summaryOfRights: documentView(jurisdiction.summaryOfRights),
            waitingBusinessDays: notice.waitingBusinessDays,
            timeZone: notice.timeZone,
            windowEndsAt: notice.windowEndsAt,
            disputeOpen: notice.phase === 'disputed',
          },
    finalAdverseActionTaken: notice?.phase === 'taken',
    revision: at.toString(),
  };
}
