import { CurrentPrincipal, Roles, type ActingPrincipal } from '@hirestream/platform';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Availability } from '../domain/working-hours';
import { InterviewerIdParams } from '../common/interviewer-id.params';
import { commandContextOf } from '../common/command-context';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';
import { SetAvailabilityDto } from './set-availability.dto';

@ApiTags('interviewers')
@Controller('interviewers')
export class SetAvailabilityController {
  constructor(private readonly calendars: InterviewerCalendars) {}

  @Put(':id/availability')
  @Roles('coordinator', 'admin')
  @ApiOperation({
    summary: "Set the interviewer's working hours (in their own zone) and daily interview limit",
  })
  async set(
    @Param() { id }: InterviewerIdParams,
    @Body() body: SetAvailabilityDto,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<Availability & { interviewerId: string }> {
    const data = {
      interviewerId: id,
      timeZone: body.timeZone,
      workingHours: body.workingHours.map(({ weekday, start, end }) => ({ weekday, start, end })),
      dailyInterviewLimit: body.dailyInterviewLimit,
    };
    await this.calendars.setAvailability(data, commandContextOf(principal));
    return data;
  }
}
