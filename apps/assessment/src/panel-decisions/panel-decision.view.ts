import {
  AggregateNotFoundError,
  panelDecisionRecordedContract,
  uuid,
  type DeepReadonly,
} from '@hirestream/contracts';
import { entityTagOf } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { PanelDecisionState, RecordedPanelDecision } from '../domain/panel-decision.state';

const recorded = panelDecisionRecordedContract.schema.properties;

/** A decision as staff read it: everything recorded, the rationale and any override included. */
export const PanelDecisionView = Type.Object(
  {
    candidateId: recorded.candidateId,
    decisionId: recorded.decisionId,
    round: recorded.round,
    decision: recorded.decision,
    advanceTo: recorded.advanceTo,
    rationale: recorded.rationale,
    feedbackForCandidate: recorded.feedbackForCandidate,
    override: recorded.override,
    decidedBy: recorded.decidedBy,
  },
  { title: 'PanelDecision', additionalProperties: false },
);
export type PanelDecisionView = DeepReadonly<Static<typeof PanelDecisionView>>;

export const PanelDecisionList = Type.Object(
  { decisions: Type.Array(PanelDecisionView, { description: 'In the order recorded' }) },
  { title: 'PanelDecisionList', additionalProperties: false },
);
export type PanelDecisionList = Readonly<{ decisions: PanelDecisionView[] }>;

/**
 * What the candidate is told of the decisions on their rounds: the decision
 * and the constructive feedback, never the rationale, the override or who decided.
 */
export const AssessmentOutcome = Type.Object(
  {
    candidateId: uuid(),
    decisions: Type.Array(
      Type.Object(
        {
          round: recorded.round,
          decision: recorded.decision,
          advanceTo: recorded.advanceTo,
          feedbackForCandidate: recorded.feedbackForCandidate,
        },
        { additionalProperties: false },
      ),
      { description: 'In the order decided; empty until a round is decided' },
    ),
  },
  { title: 'AssessmentOutcome', additionalProperties: false },
);
export type AssessmentOutcome = DeepReadonly<Static<typeof AssessmentOutcome>>;

/** A candidate's decisions (or one command's outcome on them) at a revision of their stream. */
export type PanelDecisionsAt = Readonly<{
  state: PanelDecisionState;
  revision: bigint | undefined;
}>;

/** The candidate's decisions; 404 for a candidate never registered. Sets the ETag. */
export function decisionsOf(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: PanelDecisionsAt,
  candidateId: string,
): readonly RecordedPanelDecision[] {
  if (state.feedback.candidacy === null || revision === undefined) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  reply.header('etag', entityTagOf(revision));
  return state.decisions;
}

export function panelDecisionView(
  candidateId: string,
  decision: RecordedPanelDecision,
): PanelDecisionView {
  return { candidateId, ...decision };
}
