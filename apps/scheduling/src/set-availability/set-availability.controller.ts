import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { InterviewerAvailabilityView } from '../interviewers/availability.view';
import { InterviewerIdParams } from '../interviewers/interviewer.params';
import { CALENDARS, type CalendarGateway } from '../scheduling-gateways';
import { SetAvailabilityBody } from './set-availability.dto';

type InterviewerAvailability = Static<typeof InterviewerAvailabilityView>;

@ApiTags('interviewers')
@Controller('interviewers')
export class SetAvailabilityController {
  constructor(@Inject(CALENDARS) private readonly calendars: CalendarGateway) {}

  @CommandRoute({
    method: 'PUT',
    path: ':id/availability',
    operationId: 'setInterviewerAvailability',
    summary: "Set the interviewer's working hours (in their own zone) and daily interview limit",
    roles: ['coordinator', 'admin'],
    response: InterviewerAvailabilityView,
    problems: [409],
  })
  async set(
    @ValidParams(InterviewerIdParams) { id }: InterviewerIdParams,
    @ValidBody(SetAvailabilityBody) body: SetAvailabilityBody,
    @Caller() caller: CommandCaller,
  ): Promise<InterviewerAvailability> {
    const data = { interviewerId: id, ...body };
    await this.calendars.handle({ type: 'SetInterviewerAvailability', data }, caller.context);
    return data;
  }
}
