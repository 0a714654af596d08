import type { Command, PanelDecisionEvent } from '@hirestream/contracts';

/** What the hiring manager decided after a round's debrief, exactly as it is recorded. */
export type RecordPanelDecision = Command<'RecordPanelDecision', PanelDecisionEvent['data']>;

export type PanelDecisionCommand = RecordPanelDecision;
