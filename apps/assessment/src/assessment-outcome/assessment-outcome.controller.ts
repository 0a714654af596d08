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
import { AssessmentOutcome, decisionsOf } from '../panel-decisions/panel-decision.view';

@ApiTags('panel decisions')
@Controller('candidates')
export class AssessmentOutcomeController {
  constructor(@Inject(PANEL_DECISIONS) private readonly decisions: PanelDecisionGateway) {}

  @QueryRoute({
    path: ':id/assessment-outcome',
    operationId: 'getAssessmentOutcome',
    summary:
      'What the candidate is told of the decided rounds: each decision and its constructive feedback, never the rationale or any scorecard',
    roles: [...DECISION_READERS, 'candidate'],
    candidateScope: 'id',
    revisioned: true,
    response: AssessmentOutcome,
    problems: [404],
  })
  async get(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @Caller() caller: CommandCaller,
  ): Promise<AssessmentOutcome> {
    const read = await this.decisions.load(candidateStreamName(id));
    return {
      candidateId: id,
      decisions: decisionsOf(caller.reply, read, id).map(
        ({ round, decision, advanceTo, feedbackForCandidate }) => ({
          round,
          decision,
          advanceTo,
          feedbackForCandidate,
        }),
      ),
    };
  }
}
