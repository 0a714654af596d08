import { Module } from '@nestjs/common';
import { AssessmentOutcomeController } from './assessment-outcome/assessment-outcome.controller';
import { CalibrationListController } from './calibration/calibration-list.controller';
import { CalibrationProjection } from './calibration/calibration.projection';
import { InterviewerCalibrationController } from './calibration/interviewer-calibration.controller';
import { ListPanelDecisionsController } from './list-panel-decisions/list-panel-decisions.controller';
import { panelDecisionGatewayProvider } from './panel-decisions/panel-decision-gateway';
import { RecordPanelDecisionController } from './record-panel-decision/record-panel-decision.controller';

/**
 * Debriefs: the hiring manager's decision on each interview round, what the
 * candidate is told, and each interviewer's calibration against the decisions.
 */
@Module({
  controllers: [
    RecordPanelDecisionController,
    ListPanelDecisionsController,
    AssessmentOutcomeController,
    InterviewerCalibrationController,
    CalibrationListController,
  ],
  providers: [panelDecisionGatewayProvider, CalibrationProjection],
})
export class PanelDecisionsModule {}
