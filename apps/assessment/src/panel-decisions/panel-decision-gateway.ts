import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { FeedbackStateEvent } from '../domain/feedback.state';
import type { PanelDecisionCommand } from '../domain/panel-decision.commands';
import { panelDecisionAggregate } from '../domain/panel-decision.decider';
import type { PanelDecisionState } from '../domain/panel-decision.state';

/** The token the panel decisions' command gateway is injected by. */
export const PANEL_DECISIONS = Symbol('PANEL_DECISIONS');

/** Panel decision commands on a candidate's stream. */
export type PanelDecisionGateway = CommandGateway<
  PanelDecisionState,
  PanelDecisionCommand,
  FeedbackStateEvent
>;

export const panelDecisionGatewayProvider = provideCommandGateway(
  PANEL_DECISIONS,
  panelDecisionAggregate,
);
