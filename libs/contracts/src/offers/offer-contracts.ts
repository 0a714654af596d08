import { Type } from '@sinclair/typebox';
import { eventContract, type EventOf } from '../core/event-contract';
import {
  actorId,
  identifier,
  multiLineText,
  nullable,
  oneOf,
  sha256Digest,
  singleLineText,
  utcInstant,
  uuid,
} from '../core/field-schemas';
import { notPersonal, personal } from '../core/personal-data';
import { ApprovalStep, OfferTerms, PolicyRef } from './offer-terms';
import { COUNTERABLE_TERMS, DECLINE_CATEGORIES, OFFER_WITHDRAWAL_CAUSES } from './offer-vocabulary';

const OWNER = 'offers';

const offerKey = { candidateId: uuid(), offerId: uuid() };
/** Each version of an offer: 1, 2, … */
export const offerVersion = () => Type.Integer({ minimum: 1, maximum: 1_000 });
const versionKey = { ...offerKey, version: offerVersion() };

/** A person's reason for a decision on an offer (approval rejected, delegated, rescinded). */
export const offerReasonText = () =>
  personal(multiLineText(2_000, { examples: ['Above the band'] }));

export const offerDraftedContract = eventContract({
  type: 'OfferDrafted',
  owner: OWNER,
  description:
    'A version of an offer was drafted: its terms, the approval chain chosen by the approval rules (the policy versions stamped), and the approvals it carries over from the version it supersedes when its compensation is unchanged.',
  schemaVersion: 1,
  data: {
    ...versionKey,
    terms: OfferTerms,
    jobId: identifier(),
    jobLevel: identifier({ examples: ['L5'] }),
    /** The version this one supersedes (null for the first). */
    supersedes: nullable(offerVersion()),
    approvalChain: Type.Array(ApprovalStep, { minItems: 1, maxItems: 12 }),
    /** Steps already approved on the superseded version, carried because compensation did not change. */
    carriedApprovals: Type.Array(ApprovalStep, { maxItems: 12 }),
    withinBand: Type.Boolean({
      description: "Whether the compensation is within the job's band (above it adds approvers)",
    }),
    policies: Type.Object(
      {
        approvalRules: PolicyRef,
        compensationBand: PolicyRef,
      },
      { additionalProperties: false },
    ),
  },
});

export const offerApprovedContract = eventContract({
  type: 'OfferApproved',
  owner: OWNER,
  description: "The current approver of the version's chain approved it.",
  schemaVersion: 1,
  data: {
    ...versionKey,
    stepId: identifier(),
    approverId: actorId(),
    note: nullable(offerReasonText()),
  },
});

export const offerApprovalRejectedContract = eventContract({
  type: 'OfferApprovalRejected',
  owner: OWNER,
  description:
    'The current approver rejected the version, with a reason; a new version restarts approval.',
  schemaVersion: 1,
  data: { ...versionKey, stepId: identifier(), approverId: actorId(), reason: offerReasonText() },
});

export const offerApproverDelegatedContract = eventContract({
  type: 'OfferApproverDelegated',
  owner: OWNER,
  description:
    'A step of the approval chain not yet approved was handed to a delegate, with a reason.',
  schemaVersion: 1,
  data: {
    ...versionKey,
    stepId: identifier(),
    fromApproverId: actorId(),
    toApproverId: actorId(),
    reason: offerReasonText(),
  },
});

export const OfferLetterRecord = Type.Object(
  {
    // The service's own storage key (the stored letter itself is purged apart).
    reference: notPersonal(
      singleLineText(500, { description: 'Where the rendered letter is stored' }),
    ),
    templateId: identifier(),
    templateVersion: Type.Integer({ minimum: 1 }),
    htmlSha256: sha256Digest(),
    pdfSha256: sha256Digest(),
  },
  { additionalProperties: false },
);

export const offerExtendedContract = eventContract({
  type: 'OfferExtended',
  owner: OWNER,
  description:
    'The fully approved version was extended to the candidate, with the letter sent: its stored reference, template version and the SHA-256 of its HTML and PDF, so it can be proven which letter was sent.',
  schemaVersion: 1,
  data: { ...versionKey, expiresAt: utcInstant(), letter: OfferLetterRecord },
});

export const offerAcceptedContract = eventContract({
  type: 'OfferAccepted',
  owner: OWNER,
  description:
    'The candidate accepted the extended version, signing with their typed full name, before it expired.',
  schemaVersion: 1,
  data: {
    ...versionKey,
    signedName: personal(
      singleLineText(200, { description: "The candidate's full name, as they typed it" }),
    ),
  },
});

export const offerDeclinedContract = eventContract({
  type: 'OfferDeclined',
  owner: OWNER,
  description:
    'The candidate declined the extended version, with a reason category and their words.',
  schemaVersion: 1,
  data: {
    ...versionKey,
    category: oneOf(DECLINE_CATEGORIES),
    reason: personal(multiLineText(5_000)),
  },
});

export const CounterProposal = Type.Object(
  {
    term: oneOf(COUNTERABLE_TERMS),
    proposal: personal(singleLineText(500, { examples: ['EUR 95,000 a year'] })),
  },
  { additionalProperties: false },
);

export const offerCounteredContract = eventContract({
  type: 'OfferCountered',
  owner: OWNER,
  description:
    'The candidate countered the extended version with proposed changes and a message; recruiters draft a new version.',
  schemaVersion: 1,
  data: {
    ...versionKey,
    proposals: Type.Array(CounterProposal, { minItems: 1, maxItems: 10 }),
    message: personal(multiLineText(5_000)),
  },
});

export const offerRescindedContract = eventContract({
  type: 'OfferRescinded',
  owner: OWNER,
  description: 'The offer was rescinded by a person, with a reason (also after acceptance).',
  schemaVersion: 1,
  data: { ...versionKey, reason: offerReasonText() },
});

export const offerExpiredContract = eventContract({
  type: 'OfferExpired',
  owner: OWNER,
  description: 'The extended version reached its expiry instant without an answer.',
  schemaVersion: 1,
  data: { ...versionKey, expiresAt: utcInstant() },
});

export const offerWithdrawnContract = eventContract({
  type: 'OfferWithdrawn',
  owner: OWNER,
  description: 'The open offer ended because its candidacy closed (rejected or withdrawn).',
  schemaVersion: 1,
  data: { ...versionKey, cause: oneOf(OFFER_WITHDRAWAL_CAUSES) },
});

export const offerContingencyMetContract = eventContract({
  type: 'OfferContingencyMet',
  owner: OWNER,
  description:
    'A person recorded that a contingency settled by a person (right to work, references) is met.',
  schemaVersion: 1,
  data: { ...offerKey, kind: identifier(), note: offerReasonText() },
});

export const offerEventContracts = [
  offerDraftedContract,
  offerApprovedContract,
  offerApprovalRejectedContract,
  offerApproverDelegatedContract,
  offerExtendedContract,
  offerAcceptedContract,
  offerDeclinedContract,
  offerCounteredContract,
  offerRescindedContract,
  offerExpiredContract,
  offerWithdrawnContract,
  offerContingencyMetContract,
] as const;

export type OfferDrafted = EventOf<typeof offerDraftedContract>;
export type OfferApproved = EventOf<typeof offerApprovedContract>;
export type OfferApprovalRejected = EventOf<typeof offerApprovalRejectedContract>;
export type OfferApproverDelegated = EventOf<typeof offerApproverDelegatedContract>;
export type OfferExtended = EventOf<typeof offerExtendedContract>;
export type OfferAccepted = EventOf<typeof offerAcceptedContract>;
export type OfferDeclined = EventOf<typeof offerDeclinedContract>;
export type OfferCountered = EventOf<typeof offerCounteredContract>;
export type OfferRescinded = EventOf<typeof offerRescindedContract>;
export type OfferExpired = EventOf<typeof offerExpiredContract>;
export type OfferWithdrawn = EventOf<typeof offerWithdrawnContract>;
export type OfferContingencyMet = EventOf<typeof offerContingencyMetContract>;
