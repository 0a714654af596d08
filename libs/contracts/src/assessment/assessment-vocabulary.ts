/** What an interview kit's question probes, as structured interviewing groups them. */
export const QUESTION_TYPES = ['behavioral', 'situational', 'technical'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A rubric's ratings, each with its descriptor: 1 (far below the bar) … 4 (well above it). */
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

/** An interviewer's overall recommendation; there is deliberately no neutral middle. */
export const RECOMMENDATIONS = ['strong-no', 'no', 'yes', 'strong-yes'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const ASSIGNMENT_KINDS = [
  'coding-exercise',
  'take-home',
  'work-sample',
  'presentation',
] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** The hiring manager's call after a debrief. */
export const PANEL_DECISIONS = ['advance', 'hold', 'reject'] as const;
export type PanelDecision = (typeof PANEL_DECISIONS)[number];

/** The advance targets that move the candidacy to another stage (the candidates service carries them out). */
export const STAGE_ADVANCE_TARGETS = ['background-check', 'offer'] as const;
export type StageAdvanceTarget = (typeof STAGE_ADVANCE_TARGETS)[number];

/** Where an advancing candidate goes: another interview round, or the next stage. */
export const ADVANCE_TARGETS = ['next-round', ...STAGE_ADVANCE_TARGETS] as const;
export type AdvanceTarget = (typeof ADVANCE_TARGETS)[number];

/** Whether an advance to `target` moves the candidacy's stage (another round does not). */
export function movesStage(target: AdvanceTarget | null): target is StageAdvanceTarget {
  return (STAGE_ADVANCE_TARGETS as readonly string[]).includes(target ?? '');
}
