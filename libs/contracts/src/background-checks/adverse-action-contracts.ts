import { Type } from '@sinclair/typebox';
import { eventContract, type EventOf } from '../core/event-contract';
import {
  actorId,
  identifier,
  multiLineText,
  nullable,
  oneOf,
  singleLineText,
  timeZoneName,
  utcInstant,
} from '../core/field-schemas';
import { personal } from '../core/personal-data';
import { DISPUTE_RESOLUTIONS } from './background-check-vocabulary';
import {
  BACKGROUND_CHECKS_OWNER,
  checkKey,
  checkReasonText,
  StampedDocument,
} from './check-contracts';

const OWNER = BACKGROUND_CHECKS_OWNER;

/** The most business days a jurisdiction may make the candidate wait. */
export const MAX_WAITING_BUSINESS_DAYS = 60;

/** What the candidate writes when disputing a finding. */
export const disputeText = () =>
  personal(multiLineText(10_000, { examples: ['The conviction listed belongs to someone else.'] }));

export const preAdverseActionNoticeSentContract = eventContract({
  type: 'PreAdverseActionNoticeSent',
  owner: OWNER,
  description:
    "The candidate was sent a pre-adverse-action notice with a copy of the report and a summary of their rights; the final action may not be taken before the window of business days (in the jurisdiction's time zone) ends.",
  schemaVersion: 1,
  data: {
    ...checkKey,
    itemIds: Type.Array(identifier(), { minItems: 1, maxItems: 30, uniqueItems: true }),
    // Typed by a recruiter: it may name the candidate.
    reportCopyReference: personal(singleLineText(500)),
    summaryOfRights: StampedDocument,
    waitingBusinessDays: Type.Integer({ minimum: 1, maximum: MAX_WAITING_BUSINESS_DAYS }),
    timeZone: timeZoneName(),
    automaticFinalAction: Type.Boolean(),
    windowEndsAt: utcInstant(),
    sentBy: actorId(),
  },
});

export const adverseActionDisputedContract = eventContract({
  type: 'AdverseActionDisputed',
  owner: OWNER,
  description:
    'The candidate disputed the finding during the waiting window; the window is paused, keeping the time it had left, until a recruiter resolves the dispute.',
  schemaVersion: 1,
  data: {
    ...checkKey,
    text: disputeText(),
    disputedAt: utcInstant(),
    remainingMs: Type.Integer({ minimum: 0 }),
  },
});

export const adverseActionDisputeResolvedContract = eventContract({
  type: 'AdverseActionDisputeResolved',
  owner: OWNER,
  description:
    'A recruiter resolved the dispute: corrected (the finding is withdrawn and the check engages) or upheld (the window resumes with the time it had left, ending at windowEndsAt).',
  schemaVersion: 1,
  data: {
    ...checkKey,
    resolution: oneOf(DISPUTE_RESOLUTIONS),
    reason: checkReasonText(),
    windowEndsAt: nullable(utcInstant()),
    resolvedBy: actorId(),
  },
});

export const adverseActionWindowElapsedContract = eventContract({
  type: 'AdverseActionWindowElapsed',
  owner: OWNER,
  description:
    'The waiting window after the pre-adverse-action notice ended with no open dispute (recorded by the durable timer).',
  schemaVersion: 1,
  data: { ...checkKey, windowEndsAt: utcInstant() },
});

export const finalAdverseActionTakenContract = eventContract({
  type: 'FinalAdverseActionTaken',
  owner: OWNER,
  description:
    'The final adverse action was taken after the window (by a person, or automatically where the jurisdiction says so); the candidates service rejects the candidacy.',
  schemaVersion: 1,
  data: {
    ...checkKey,
    reason: checkReasonText(),
    automatic: Type.Boolean(),
    takenBy: actorId(),
  },
});

export const adverseActionEventContracts = [
  preAdverseActionNoticeSentContract,
  adverseActionDisputedContract,
  adverseActionDisputeResolvedContract,
  adverseActionWindowElapsedContract,
  finalAdverseActionTakenContract,
] as const;

export type PreAdverseActionNoticeSent = EventOf<typeof preAdverseActionNoticeSentContract>;
export type AdverseActionDisputed = EventOf<typeof adverseActionDisputedContract>;
export type AdverseActionDisputeResolved = EventOf<typeof adverseActionDisputeResolvedContract>;
export type AdverseActionWindowElapsed = EventOf<typeof adverseActionWindowElapsedContract>;
export type FinalAdverseActionTaken = EventOf<typeof finalAdverseActionTakenContract>;
