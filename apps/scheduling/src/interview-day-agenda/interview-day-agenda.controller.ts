import { CandidateScope, Roles } from '@hirestream/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  agendaText,
  interviewDayAgenda,
  type InterviewDayAgenda,
} from '../domain/interview-day-agenda';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewDayParams } from './interview-day.params';
import { STAFF_READERS } from '../common/scheduling-roles';

@ApiTags('interviews')
@Controller('candidates')
export class InterviewDayAgendaController {
  constructor(private readonly interviews: InterviewCommandService) {}

  @Get(':id/interview-days/:dayId/agenda')
  @Roles(...STAFF_READERS, 'candidate')
  @CandidateScope('id')
  @ApiOperation({
    summary:
      "The agenda of an interview day in the candidate's time zone, as items and as the text sent to the candidate",
  })
  async agenda(
    @Param() { id, dayId }: InterviewDayParams,
  ): Promise<InterviewDayAgenda & { text: string }> {
    const agenda = interviewDayAgenda((await this.interviews.load(id)).state, dayId);
    return { ...agenda, text: agendaText(agenda) };
  }
}
