import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { CalendarRepairService } from './calendar-repair/calendar-repair.service';
import { CancelInterviewDayController } from './cancel-interview-day/cancel-interview-day.controller';
import { CancelInterviewController } from './cancel-interview/cancel-interview.controller';
import { CompleteInterviewController } from './complete-interview/complete-interview.controller';
import { ConfirmInterviewController } from './confirm-interview/confirm-interview.controller';
import { FindTimesController } from './find-times/find-times.controller';
import { GetInterviewController } from './get-interview/get-interview.controller';
import { InterviewDayAgendaController } from './interview-day-agenda/interview-day-agenda.controller';
import { InterviewerCalendarController } from './interviewer-calendar/interviewer-calendar.controller';
import { InterviewerCalendarSubscription } from './interviewer-calendar/interviewer-calendar.subscription';
import { InterviewerInterviewsController } from './interviewer-interviews/interviewer-interviews.controller';
import { InterviewsProjectionSubscription } from './interviews-projection/interviews-projection.subscription';
import { ListInterviewsController } from './list-interviews/list-interviews.controller';
import { CandidateClosedReaction, CONSUMER_GROUP } from './reactions/candidate-closed.reaction';
import { RecordNoShowController } from './record-no-show/record-no-show.controller';
import { RescheduleInterviewDayController } from './reschedule-interview-day/reschedule-interview-day.controller';
import { RescheduleInterviewController } from './reschedule-interview/reschedule-interview.controller';
import { ScheduleInterviewDayController } from './schedule-interview-day/schedule-interview-day.controller';
import { ScheduleInterviewController } from './schedule-interview/schedule-interview.controller';
import { SetAvailabilityController } from './set-availability/set-availability.controller';
import { InterviewCommandService } from './common/interview-command.service';
import { InterviewerCalendars } from './common/interviewer-calendars.service';

export const SERVICE = 'scheduling';

@Module({
  imports: [
    EventStoreModule,
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    EventConsumerModule.forGroup(CONSUMER_GROUP),
  ],
  controllers: [
    ScheduleInterviewController,
    ScheduleInterviewDayController,
    InterviewDayAgendaController,
    RescheduleInterviewDayController,
    CancelInterviewDayController,
    ConfirmInterviewController,
    RescheduleInterviewController,
    CancelInterviewController,
    RecordNoShowController,
    CompleteInterviewController,
    ListInterviewsController,
    GetInterviewController,
    InterviewerInterviewsController,
    InterviewerCalendarController,
    SetAvailabilityController,
    FindTimesController,
    CandidateClosedReaction,
  ],
  providers: [
    InterviewCommandService,
    InterviewerCalendars,
    InterviewerCalendarSubscription,
    InterviewsProjectionSubscription,
    CalendarRepairService,
  ],
})
export class SchedulingModule {}
