import type { EventOf } from '../core/event-contract';
import { assignmentEventContracts } from './assignment-contracts';
import { feedbackEventContracts } from './feedback-contracts';
import { interviewKitEventContracts } from './interview-kit-contracts';
import { panelDecisionEventContracts } from './panel-decision-contracts';
import { rubricEventContracts } from './rubric-contracts';

/** Every event the assessment service writes. */
export const assessmentEventContracts = [
  ...rubricEventContracts,
  ...interviewKitEventContracts,
  ...feedbackEventContracts,
  ...assignmentEventContracts,
  ...panelDecisionEventContracts,
] as const;
export type AssessmentEvent = EventOf<(typeof assessmentEventContracts)[number]>;

/** The assessment events written to a candidate's stream (kits and rubrics have their own). */
export type CandidateAssessmentEvent = EventOf<
  | (typeof feedbackEventContracts)[number]
  | (typeof assignmentEventContracts)[number]
  | (typeof panelDecisionEventContracts)[number]
>;
