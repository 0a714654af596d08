import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { CancelInterviewController } from './cancel-interview/cancel-interview.controller';
import { CompleteInterviewController } from './complete-interview/complete-interview.controller';
import { ConfirmInterviewController } from './confirm-interview/confirm-interview.controller';
import { ListInterviewsController } from './list-interviews/list-interviews.controller';
import { RecordNoShowController } from './record-no-show/record-no-show.controller';
import { RescheduleInterviewController } from './reschedule-interview/reschedule-interview.controller';
import { ScheduleInterviewController } from './schedule-interview/schedule-interview.controller';
import { InterviewCommandService } from './shared/interview-command.service';
import { InterviewerCalendars } from './shared/interviewer-calendars.service';

export const SERVICE = 'scheduling';

@Module({
  imports: [EventStoreModule, KafkaModule.forService(SERVICE), EventRelayModule],
  controllers: [
    ScheduleInterviewController,
    ConfirmInterviewController,
    RescheduleInterviewController,
    CancelInterviewController,
    RecordNoShowController,
    CompleteInterviewController,
    ListInterviewsController,
  ],
  providers: [InterviewCommandService, InterviewerCalendars],
})
export class SchedulingModule {}
