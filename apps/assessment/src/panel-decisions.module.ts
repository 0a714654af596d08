import { Module } from '@nestjs/common';
import { AssessmentOutcomeController } from './assessment-outcome/assessment-outcome.controller';
import { ListPanelDecisionsController } from './list-panel-decisions/list-panel-decisions.controller';
import { panelDecisionGatewayProvider } from './panel-decisions/panel-decision-gateway';
import { RecordPanelDecisionController } from './record-panel-decision/record-panel-decision.controller';

/** Debriefs: the hiring manager's decision on each interview round, and what the candidate is told. */
@Module({
  controllers: [
    RecordPanelDecisionController,
    ListPanelDecisionsController,
    AssessmentOutcomeController,
  ],
  providers: [panelDecisionGatewayProvider],
})
export class PanelDecisionsModule {}
