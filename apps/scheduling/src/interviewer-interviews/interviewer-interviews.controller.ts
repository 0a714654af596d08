import type { PanelRole } from '@hirestream/contracts';
import { CurrentPrincipal, Roles, type ActingPrincipal } from '@hirestream/platform';
import { Controller, ForbiddenException, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { intervalOf, overlaps } from '../domain/intervals';
import type { InterviewView } from '../common/interview.view';
import { InterviewerIdParams } from '../common/interviewer-id.params';
import { isStaffReader, STAFF_READERS } from '../common/scheduling-roles';
import { TimeRange } from '../common/time-range.query';
import {
  InterviewsProjectionSubscription,
  OWN_WRITES_TIMEOUT_MS,
} from '../interviews-projection/interviews-projection.subscription';

export type PanelSeatView = InterviewView & Readonly<{ role: PanelRole }>;

@ApiTags('interviewers')
@Controller('interviewers')
export class InterviewerInterviewsController {
  constructor(private readonly interviews: InterviewsProjectionSubscription) {}

  @Get(':id/interviews')
  @Roles('interviewer', ...STAFF_READERS)
  @ApiOperation({
    summary:
      "The interviews overlapping [from, to) on whose panel the interviewer sits, any status, earliest first, with the interviewer's role; interviewers read only their own",
  })
  async list(
    @Param() { id }: InterviewerIdParams,
    @Query() query: TimeRange,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<{ interviewerId: string; interviews: PanelSeatView[] }> {
    if (principal.subject !== id && !isStaffReader(principal)) {
      throw new ForbiddenException('An interviewer may only read the interviews they sit on');
    }
    const { projection } = this.interviews;
    await projection.afterOwnWrites(OWN_WRITES_TIMEOUT_MS);
    const range = intervalOf({ startsAt: query.from, endsAt: query.to });
    const interviews = projection
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
