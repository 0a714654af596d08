import { candidateStreamName } from '@hirestream/contracts';
import {
  CurrentPrincipal,
  QueryRoute,
  ValidParams,
  ValidQuery,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, ForbiddenException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { FEEDBACK_READERS } from '../feedback/feedback-roles';
import { CandidateParams } from '../feedback/feedback.params';
import { FeedbackRequestsProjection } from './feedback-requests.projection';
import {
  FeedbackRequestList,
  FeedbackRequestsQuery,
  InterviewerParams,
} from './feedback-requests.query';

/** The feedback requests of an interviewer or of a candidate: who still owes feedback, and since when. */
@ApiTags('feedback')
@Controller()
export class FeedbackRequestsController {
  constructor(private readonly requests: FeedbackRequestsProjection) {}

  @QueryRoute({
    path: 'interviewers/:id/feedback-requests',
    operationId: 'listInterviewerFeedbackRequests',
    summary:
      "An interviewer's feedback requests, soonest due first (overdue=true: open and past due); interviewers read only their own",
    roles: ['interviewer', ...FEEDBACK_READERS],
    response: FeedbackRequestList,
  })
  async ofInterviewer(
    @ValidParams(InterviewerParams) { id }: InterviewerParams,
    @ValidQuery(FeedbackRequestsQuery) query: FeedbackRequestsQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<FeedbackRequestList> {
    if (principal.subject !== id && !principal.roles.some((r) => FEEDBACK_READERS.includes(r))) {
      throw new ForbiddenException('An interviewer may only read their own feedback requests');
    }
    await this.requests.afterOwnWrites();
    return this.listed({ interviewerId: id }, query);
  }

  @QueryRoute({
    path: 'candidates/:id/feedback-requests',
    operationId: 'listCandidateFeedbackRequests',
    summary:
      "The feedback requests of a candidate's interviews, soonest due first (overdue=true: open and past due)",
    roles: FEEDBACK_READERS,
    response: FeedbackRequestList,
  })
  async ofCandidate(
    @ValidParams(CandidateParams) { id }: CandidateParams,
    @ValidQuery(FeedbackRequestsQuery) query: FeedbackRequestsQuery,
  ): Promise<FeedbackRequestList> {
    await this.requests.afterOwnWrites(candidateStreamName(id));
    return this.listed({ candidateId: id }, query);
  }

  private async listed(
    of: Readonly<{ interviewerId: string } | { candidateId: string }>,
    { overdue, status, limit, offset }: FeedbackRequestsQuery,
  ): Promise<FeedbackRequestList> {
    const now = new Date().toISOString();
    const rows = await this.requests.list(of, {
      status: status ?? null,
      overdueAt: overdue === true ? now : null,
      limit,
      offset,
    });
    const items = rows.map((row) => ({
      ...row,
      overdue: row.status === 'open' && Date.parse(row.dueAt) < Date.parse(now),
    }));
    return { limit, offset, items };
  }
}
