import type { Command, PanelDecisionRecorded } from '@hirestream/contracts';

/** What the hiring manager decided after a round's debrief, exactly as it is recorded. */
export type RecordPanelDecision = Command<'RecordPanelDecision', PanelDecisionRecorded['data']>;

export type PanelDecisionCommand = RecordPanelDecision;
