import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { ScheduleInterviewController } from './schedule-interview/schedule-interview.controller';
import { InterviewCommandService } from './shared/interview-command.service';
import { InterviewerCalendars } from './shared/interviewer-calendars.service';

export const SERVICE = 'scheduling';

@Module({
  imports: [EventStoreModule, KafkaModule.forService(SERVICE), EventRelayModule],
  controllers: [ScheduleInterviewController],
  providers: [InterviewCommandService, InterviewerCalendars],
})
export class SchedulingModule {}
