import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import {
  ProcessRunner,
  type CommandContext,
  type CommandOptions,
  type CommandOutcome,
} from '@hirestream/event-sourcing';
import { JsonLogger } from '@hirestream/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { InterviewCommand } from '../domain/interview.commands';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews } from '../domain/interview.state';
import type { InterviewerCalendarCommand } from '../domain/interviewer-calendar.commands';
import type { InterviewerCalendar } from '../domain/interviewer-calendar.state';
import {
  CALENDARS,
  INTERVIEWS,
  type CalendarGateway,
  type InterviewGateway,
} from '../scheduling-gateways';
import { calendarHoldProcess } from './calendar-hold.process';

/**
 * Runs interview commands that move a panel's calendars (booking, rescheduling,
 * cancelling) through the calendar hold, and the hold's repairs; used alike by
 * the controllers, the candidate-closed reaction and the calendar repair timer.
 */
@Injectable()
export class CalendarHoldRunner {
  private readonly runner: ProcessRunner<
    CandidateInterviews,
    InterviewCommand,
    CandidateStreamEvent,
    InterviewerCalendar,
    InterviewerCalendarCommand,
    InterviewerCalendarEvent
  >;

  constructor(
    @Inject(INTERVIEWS) interviews: InterviewGateway,
    @Inject(CALENDARS) calendars: CalendarGateway,
    logger: JsonLogger,
  ) {
    this.runner = new ProcessRunner(calendarHoldProcess, interviews, calendars, {
      warn: (message, details) =>
        logger.pino.warn({ context: calendarHoldProcess.name, ...details }, message),
    });
  }

  run(
    command: InterviewCommand,
    context: CommandContext,
    options: CommandOptions = {},
  ): Promise<CommandOutcome<CandidateInterviews, CandidateStreamEvent>> {
    return this.runner.run(command, context, options);
  }

  /** Makes calendars agree with the candidates' streams again (see `slotRepair`). */
  repair(commands: readonly InterviewerCalendarCommand[], context: CommandContext): Promise<void> {
    return this.runner.runEach(commands, context);
  }
}
