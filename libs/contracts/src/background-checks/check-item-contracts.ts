import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import { actorId, identifier, multiLineText, oneOf, singleLineText } from '../core/field-schemas';
import { notPersonal, personal } from '../core/personal-data';
import {
  ADJUDICATIONS,
  CHECK_OUTCOMES,
  ITEM_RESULTS,
  REFERENCE_RESULTS,
} from './background-check-vocabulary';
import { BACKGROUND_CHECKS_OWNER, checkKey, checkReasonText } from './check-contracts';

const OWNER = BACKGROUND_CHECKS_OWNER;

const itemKey = { ...checkKey, itemId: identifier() };

/** The provider's id of one webhook delivery: each is taken once. */
export const deliveryId = () => singleLineText(200, { examples: ['dlv_01HZX3'] });

/** One question put to a reference and their answer. */
export const ReferenceAnswer = Type.Object(
  { question: personal(singleLineText(500)), answer: personal(multiLineText(5_000)) },
  { additionalProperties: false },
);
export type ReferenceAnswer = DeepReadonly<Static<typeof ReferenceAnswer>>;

export const backgroundCheckItemStartedContract = eventContract({
  type: 'BackgroundCheckItemStarted',
  owner: OWNER,
  description: 'The provider reported (by a verified webhook) that it is working on an item.',
  schemaVersion: 1,
  data: { ...itemKey, deliveryId: deliveryId() },
});

export const backgroundCheckItemResultedContract = eventContract({
  type: 'BackgroundCheckItemResulted',
  owner: OWNER,
  description:
    "The provider reported (by a verified webhook) an item's final result with a summary and a reference to its report; the raw report is never kept.",
  schemaVersion: 1,
  data: {
    ...itemKey,
    result: oneOf(ITEM_RESULTS),
    summary: personal(multiLineText(2_000)),
    // The provider's id of its report (the report itself is never kept).
    reportReference: notPersonal(singleLineText(500)),
    deliveryId: deliveryId(),
  },
});

export const referenceCheckRecordedContract = eventContract({
  type: 'ReferenceCheckRecorded',
  owner: OWNER,
  description:
    "A recruiter completed a reference-check item by recording the reference's answers and the result.",
  schemaVersion: 1,
  data: {
    ...itemKey,
    // The reference's own name, kept under the candidacy's key: erased with it.
    referenceName: personal(singleLineText(200)),
    relationship: personal(singleLineText(200, { examples: ['Former manager'] })),
    answers: Type.Array(ReferenceAnswer, { minItems: 1, maxItems: 30 }),
    result: oneOf(REFERENCE_RESULTS),
    recordedBy: actorId(),
  },
});

export const backgroundCheckItemCancelledContract = eventContract({
  type: 'BackgroundCheckItemCancelled',
  owner: OWNER,
  description:
    'A recruiter cancelled one item that is not final (it cannot or need not be verified); the check goes on without it.',
  schemaVersion: 1,
  data: { ...itemKey, reason: checkReasonText(), cancelledBy: actorId() },
});

export const backgroundCheckCompletedContract = eventContract({
  type: 'BackgroundCheckCompleted',
  owner: OWNER,
  description:
    'Every item of the check is final: clear when none needs review, consider when some item is consider or suspended.',
  schemaVersion: 1,
  data: { ...checkKey, outcome: oneOf(CHECK_OUTCOMES) },
});

export const considerItemAdjudicatedContract = eventContract({
  type: 'ConsiderItemAdjudicated',
  owner: OWNER,
  description:
    'A recruiter decided on an item needing review (consider or suspended): engage (proceed) or begin adverse action, with a reason.',
  schemaVersion: 1,
  data: {
    ...itemKey,
    decision: oneOf(ADJUDICATIONS),
    reason: checkReasonText(),
    adjudicatedBy: actorId(),
  },
});

export const checkItemEventContracts = [
  backgroundCheckItemStartedContract,
  backgroundCheckItemResultedContract,
  referenceCheckRecordedContract,
  backgroundCheckItemCancelledContract,
  backgroundCheckCompletedContract,
  considerItemAdjudicatedContract,
] as const;

export type BackgroundCheckItemStarted = EventOf<typeof backgroundCheckItemStartedContract>;
export type BackgroundCheckItemResulted = EventOf<typeof backgroundCheckItemResultedContract>;
export type ReferenceCheckRecorded = EventOf<typeof referenceCheckRecordedContract>;
export type BackgroundCheckItemCancelled = EventOf<typeof backgroundCheckItemCancelledContract>;
export type BackgroundCheckCompleted = EventOf<typeof backgroundCheckCompletedContract>;
export type ConsiderItemAdjudicated = EventOf<typeof considerItemAdjudicatedContract>;
