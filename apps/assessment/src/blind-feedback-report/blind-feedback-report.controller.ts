import { AggregateNotFoundError, candidateStreamName } from '@hirestream/contracts';
import { EventStore } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CandidateParams } from '../feedback/feedback.params';
import {
  blindFeedbackReport,
  type BlindFeedbackReport,
  type ReportedEvent,
} from './blind-feedback-report';
import { BlindFeedbackReportView } from './blind-feedback-report.view';

@ApiTags('feedback')
@Controller('candidates')
export class BlindFeedbackReportController {
  constructor(private readonly store: EventStore) {}

  @QueryRoute({
    path: ':id/blind-feedback-report',
    operationId: 'getBlindFeedbackReport',
    summary:
      "From the candidate's stream alone: every reveal of feedback (who saw whose, when, and whether a panelist's own came first) and, for every recommendation, whose feedback its author had seen before; no feedback content, so it reveals none",
    roles: ['recruiter', 'hiring-manager', 'auditor', 'admin'],
    response: BlindFeedbackReportView,
    problems: [404],
  })
  async report(
    @ValidParams(CandidateParams) { id }: CandidateParams,
  ): Promise<BlindFeedbackReport> {
    const { events } = await this.store.readStream<ReportedEvent>(candidateStreamName(id));
    if (!events.some(({ event }) => event.type === 'CandidateRegistered')) {
      throw new AggregateNotFoundError(`candidate ${id} does not exist`);
    }
    return blindFeedbackReport(id, events);
  }
}
