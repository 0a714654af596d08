import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { InterviewCommand } from './domain/interview.commands';
import { interviewAggregate, type CandidateStreamEvent } from './domain/interview.decider';
import type { CandidateInterviews } from './domain/interview.state';
import type { InterviewerCalendarCommand } from './domain/interviewer-calendar.commands';
import { interviewerCalendarAggregate } from './domain/interviewer-calendar.decider';
import type { InterviewerCalendar } from './domain/interviewer-calendar.state';

/** The tokens the scheduling service's two command gateways are injected by. */
export const INTERVIEWS = Symbol('INTERVIEWS');
export const CALENDARS = Symbol('CALENDARS');

/** Interview commands on a candidate's stream. */
export type InterviewGateway = CommandGateway<
  CandidateInterviews,
  InterviewCommand,
  CandidateStreamEvent
>;

/** Commands on an interviewer's calendar stream. */
export type CalendarGateway = CommandGateway<
  InterviewerCalendar,
  InterviewerCalendarCommand,
  InterviewerCalendarEvent
>;

export const schedulingGatewayProviders = [
  provideCommandGateway(INTERVIEWS, interviewAggregate),
  provideCommandGateway(CALENDARS, interviewerCalendarAggregate),
];
