import { candidateStreamName } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PANEL_DECISIONS,
  type PanelDecisionGateway,
} from '../panel-decisions/panel-decision-gateway';
import { DECISION_READERS } from '../panel-decisions/panel-decision-roles';
import { CandidateParams } from '../feedback/feedback.params';
import {
  decisionsOf,
  PanelDecisionList,
  panelDecisionView,
} from '../panel-decisions/panel-decision.view';

@ApiTags('panel decisions')
@Controller('candidates')
export class ListPanelDecisionsController {
  constructor(@Inject(PANEL_DECISIONS) private readonly decisions: PanelDecisionGateway) {}

  @QueryRoute({
    path: ':id/panel-decisions',
    operationId: 'listPanelDecisions',
    summary: "Every panel decision on the candidate's rounds, with rationale and overrides",
    roles: DECISION_READERS,
    revisioned: true,
    response: PanelDecisionList,
    problems: [404],
  })
  async list(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<PanelDecisionList> {
    const read = await this.decisions.load(candidateStreamName(id));
    return {
      decisions: decisionsOf(caller.reply, read, id).map((decision) =>
        panelDecisionView(id, decision),
      ),
    };
  }
}
