import { actorId, oneOf, PANEL_ROLES, type DeepReadonly } from '@hirestream/contracts';
import {
  CurrentPrincipal,
  QueryRoute,
  ValidParams,
  ValidQuery,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, ForbiddenException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import { intervalOf, overlaps } from '../domain/intervals';
import { InterviewerIdParams } from '../interviewers/interviewer.params';
import { boundedRange, TimeRangeQuery } from '../interviewers/time-range.query';
import { InterviewView } from '../interviews/interview.view';
import { isStaffReader, STAFF_READERS } from '../interviews/scheduling-roles';
import { InterviewsProjection } from '../interviews-projection/interviews.projection';

const PanelSeat = Type.Object(
  { ...InterviewView.properties, role: oneOf(PANEL_ROLES) },
  { title: 'PanelSeat', additionalProperties: false },
);

const PanelSeats = Type.Object(
  { interviewerId: actorId(), interviews: Type.Array(PanelSeat) },
  { title: 'PanelSeats', additionalProperties: false },
);
type PanelSeats = DeepReadonly<Static<typeof PanelSeats>>;

@ApiTags('interviewers')
@Controller('interviewers')
export class InterviewerInterviewsController {
  constructor(private readonly interviews: InterviewsProjection) {}

  @QueryRoute({
    path: ':id/interviews',
    operationId: 'listInterviewerInterviews',
    summary:
      "The interviews overlapping [from, to) on whose panel the interviewer sits, any status, earliest first, with the interviewer's role; interviewers read only their own",
    roles: ['interviewer', ...STAFF_READERS],
    response: PanelSeats,
  })
  async list(
    @ValidParams(InterviewerIdParams) { id }: InterviewerIdParams,
    @ValidQuery(TimeRangeQuery, boundedRange) query: TimeRangeQuery,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<PanelSeats> {
    if (principal.subject !== id && !isStaffReader(principal)) {
      throw new ForbiddenException('An interviewer may only read the interviews they sit on');
    }
    await this.interviews.afterOwnWrites();
    const range = intervalOf({ startsAt: query.from, endsAt: query.to });
    const interviews = this.interviews.projection
      .interviewsOf(id)
      .filter(({ interview }) => overlaps(intervalOf(interview), range))
      .sort((a, b) => Date.parse(a.interview.startsAt) - Date.parse(b.interview.startsAt))
      .map(({ candidateId, interview }) => ({
        ...interview,
        candidateId,
        role: interview.panel.find((member) => member.interviewerId === id)!.role,
      }));
    return { interviewerId: id, interviews };
  }
}
