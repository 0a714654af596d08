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
    const seats = await this.interviews.seatsOf(id, query.from, query.to);
    const interviews = seats.map(({ candidateId, interview, role }) => ({
      ...interview,
      candidateId,
      role,
    }));
    return { interviewerId: id, interviews };
  }
}
