import { Type } from '@sinclair/typebox';
import { eventContract, type EventOf } from '../core/event-contract';
import { identifier, uuid } from '../core/field-schemas';
import { personal } from '../core/personal-data';

/*
 * Voluntary self-identification (sex, race/ethnicity, veteran status, disability, as each
 * jurisdiction asks), owned by the analytics service. Kept in a stream of its own,
 * `self-identification-<candidateId>`, never the candidate's: no other service folds it, the
 * relay publishes only candidate streams (so it never reaches Kafka), and nothing a decision
 * maker reads is built from it. Every answer is personal, under the candidacy's key.
 */

const OWNER = 'analytics';

/** The prefix of every self-identification stream. */
export const SELF_IDENTIFICATION_STREAM_PREFIX = 'self-identification-';

export function selfIdentificationStreamName(candidateId: string): string {
  return `${SELF_IDENTIFICATION_STREAM_PREFIX}${candidateId}`;
}

/** The choice every category offers: the candidate prefers not to say. */
export const DECLINED_ANSWER = 'declined';

/** A category asked (`sex`, `race-ethnicity`) and the candidate's choice, one of its configured choices. */
export const SelfIdentificationAnswer = Type.Object(
  {
    category: identifier({ examples: ['sex'] }),
    answer: personal(identifier({ examples: ['female'] })),
  },
  { additionalProperties: false },
);

export const selfIdentificationGivenContract = eventContract({
  type: 'SelfIdentificationGiven',
  owner: OWNER,
  description:
    "The candidate gave their self-identification, with their consent to its use in aggregate adverse-impact monitoring: one answer (or 'declined') per category their jurisdiction asks. Replaces any given before.",
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    jurisdiction: identifier(),
    answers: Type.Array(SelfIdentificationAnswer, { minItems: 1, maxItems: 20 }),
    consent: Type.Literal(true),
  },
});

export const selfIdentificationDeclinedContract = eventContract({
  type: 'SelfIdentificationDeclined',
  owner: OWNER,
  description:
    'The candidate declined to self-identify in every category their jurisdiction asks (listed). Replaces any answers given before.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    jurisdiction: identifier(),
    categories: Type.Array(identifier(), { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
});

export const selfIdentificationWithdrawnContract = eventContract({
  type: 'SelfIdentificationWithdrawn',
  owner: OWNER,
  description:
    'The candidate withdrew their self-identification (and consent): aggregates as of later instants no longer count it.',
  schemaVersion: 1,
  data: { candidateId: uuid() },
});

export const analyticsEventContracts = [
  selfIdentificationGivenContract,
  selfIdentificationDeclinedContract,
  selfIdentificationWithdrawnContract,
] as const;

export type SelfIdentificationGiven = EventOf<typeof selfIdentificationGivenContract>;
export type SelfIdentificationDeclined = EventOf<typeof selfIdentificationDeclinedContract>;
export type SelfIdentificationWithdrawn = EventOf<typeof selfIdentificationWithdrawnContract>;

/** The analytics events: each in the candidate's self-identification stream. */
export type SelfIdentificationEvent =
  SelfIdentificationGiven | SelfIdentificationDeclined | SelfIdentificationWithdrawn;

export const SELF_IDENTIFICATION_EVENT_TYPES: ReadonlySet<string> = new Set(
  analyticsEventContracts.map((contract) => contract.type),
);
