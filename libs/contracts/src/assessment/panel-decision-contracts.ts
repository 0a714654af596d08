import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import { actorId, nullable, oneOf, uuid } from '../core/field-schemas';
import { feedbackForCandidateText } from '../candidates/candidate-contracts';
import { ADVANCE_TARGETS, PANEL_DECISIONS } from './assessment-vocabulary';
import { assessmentReason, FeedbackAuthor } from './feedback-contracts';

const OWNER = 'assessment';

/** A decision taken without every panelist's feedback names what was missing and why it went ahead. */
export const DecisionOverride = Type.Object(
  {
    missingFeedback: Type.Array(FeedbackAuthor, { minItems: 1, maxItems: 500 }),
    reason: assessmentReason(),
  },
  { additionalProperties: false },
);
export type DecisionOverride = DeepReadonly<Static<typeof DecisionOverride>>;

export const panelDecisionRecordedContract = eventContract({
  type: 'PanelDecisionRecorded',
  owner: OWNER,
  description:
    'After the debrief of an interview round the hiring manager decided: advance (to the next round, background check or offer), hold, or reject, with a rationale for the record and constructive feedback for the candidate. The candidates service carries out advance and reject.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    decisionId: uuid(),
    round: Type.Integer({ minimum: 1, maximum: 20 }),
    decision: oneOf(PANEL_DECISIONS),
    advanceTo: nullable(oneOf(ADVANCE_TARGETS)),
    rationale: assessmentReason(),
    feedbackForCandidate: nullable(feedbackForCandidateText()),
    override: nullable(DecisionOverride),
    decidedBy: actorId(),
  },
});

export const panelDecisionEventContracts = [panelDecisionRecordedContract] as const;
export type PanelDecisionEvent = EventOf<(typeof panelDecisionEventContracts)[number]>;

export type PanelDecisionRecorded = EventOf<typeof panelDecisionRecordedContract>;
