import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  PANEL_DECISIONS,
  type PanelDecisionGateway,
} from '../panel-decisions/panel-decision-gateway';
import { DECIDERS } from '../panel-decisions/panel-decision-roles';
import { CandidateParams } from '../feedback/feedback.params';
import {
  decisionsOf,
  panelDecisionView,
  PanelDecisionView,
} from '../panel-decisions/panel-decision.view';
import { RecordPanelDecisionBody } from './record-panel-decision.dto';

@ApiTags('panel decisions')
@Controller('candidates')
export class RecordPanelDecisionController {
  constructor(@Inject(PANEL_DECISIONS) private readonly decisions: PanelDecisionGateway) {}

  @CommandRoute({
    path: ':id/panel-decisions',
    operationId: 'recordPanelDecision',
    summary:
      "Record the debrief's decision on a round (advance, hold, reject): refused while a panelist's feedback is missing, unless an override names it with a reason",
    roles: DECIDERS,
    revisioned: true,
    response: PanelDecisionView,
    problems: [404, 409],
  })
  async record(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @ValidBody(RecordPanelDecisionBody) body: RecordPanelDecisionBody,
    @Caller() caller: CommandCaller,
  ): Promise<PanelDecisionView> {
    const decisionId = randomUUID();
    const outcome = await this.decisions.handle(
      {
        type: 'RecordPanelDecision',
        data: {
          candidateId: id,
          decisionId,
          round: body.round,
          decision: body.decision,
          advanceTo: body.advanceTo ?? null,
          rationale: body.rationale,
          feedbackForCandidate: body.feedbackForCandidate ?? null,
          override: body.override ?? null,
          decidedBy: caller.principal.subject,
        },
      },
      caller.context,
      caller.options,
    );
    const recorded = decisionsOf(caller.reply, outcome, id).find(
      (decision) => decision.decisionId === decisionId,
    )!;
    return panelDecisionView(id, recorded);
  }
}
