import { panelDecisionRecordedContract } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const recorded = panelDecisionRecordedContract.schema.properties;

export const RecordPanelDecisionBody = Type.Object(
  {
    round: recorded.round,
    decision: recorded.decision,
    advanceTo: Type.Optional({
      ...recorded.advanceTo,
      description: 'Where an advance goes (required for advance, absent or null otherwise)',
    }),
    rationale: recorded.rationale,
    feedbackForCandidate: Type.Optional({
      ...recorded.feedbackForCandidate,
      description:
        'Constructive feedback the candidate reads once the round is decided (required for reject)',
    }),
    override: Type.Optional({
      ...recorded.override,
      description:
        'To decide without every panelist’s feedback: the missing feedback, exactly, and why',
    }),
  },
  { title: 'RecordPanelDecision', additionalProperties: false },
);
export type RecordPanelDecisionBody = Static<typeof RecordPanelDecisionBody>;
