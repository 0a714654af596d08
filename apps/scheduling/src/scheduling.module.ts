import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventConsumerModule, EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { ReadModelModule } from '@hirestream/read-models';
import { Module } from '@nestjs/common';
import { CalendarHoldRunner } from './calendar-hold/calendar-hold.runner';
import { CalendarRepairTimer } from './calendar-repair/calendar-repair.timer';
import { CancelInterviewDayController } from './cancel-interview-day/cancel-interview-day.controller';
import { CancelInterviewController } from './cancel-interview/cancel-interview.controller';
import { CompleteInterviewController } from './complete-interview/complete-interview.controller';
import { ConfirmInterviewController } from './confirm-interview/confirm-interview.controller';
import { FindTimesController } from './find-times/find-times.controller';
import { GetInterviewController } from './get-interview/get-interview.controller';
import { InterviewDayAgendaController } from './interview-day-agenda/interview-day-agenda.controller';
import { InterviewerCalendarController } from './interviewer-calendar/interviewer-calendar.controller';
import { InterviewerCalendarsProjection } from './interviewer-calendar/interviewer-calendars.projection';
import { InterviewerInterviewsController } from './interviewer-interviews/interviewer-interviews.controller';
import { InterviewsProjection } from './interviews-projection/interviews.projection';
import { ListInterviewsController } from './list-interviews/list-interviews.controller';
import { CandidateEventsConsumer, CONSUMER_GROUP } from './reactions/candidate-events.consumer';
import { RecordNoShowController } from './record-no-show/record-no-show.controller';
import { RescheduleInterviewDayController } from './reschedule-interview-day/reschedule-interview-day.controller';
import { RescheduleInterviewController } from './reschedule-interview/reschedule-interview.controller';
import { ScheduleInterviewDayController } from './schedule-interview-day/schedule-interview-day.controller';
import { ScheduleInterviewController } from './schedule-interview/schedule-interview.controller';
import { schedulingGatewayProviders } from './scheduling-gateways';
import { SetAvailabilityController } from './set-availability/set-availability.controller';

export const SERVICE = 'scheduling';

@Module({
  imports: [
    EventStoreModule.forRoot({ catalog: hirestreamEventCatalog }),
    KafkaModule.forService(SERVICE),
    EventRelayModule,
    EventConsumerModule.forGroup(CONSUMER_GROUP),
    ReadModelModule.forService(SERVICE),
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
    CandidateEventsConsumer,
  ],
  providers: [
    ...schedulingGatewayProviders,
    CalendarHoldRunner,
    InterviewerCalendarsProjection,
    InterviewsProjection,
    CalendarRepairTimer,
  ],
})
export class SchedulingModule {}
