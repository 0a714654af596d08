import { interviewerCalendarStreamName } from '@hirestream/contracts';
import { EventStore, handleCommand, type CommandContext } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type {
  InterviewerCalendarCommand,
  SetInterviewerAvailability,
} from '../domain/interviewer-calendar.commands';
import { interviewerCalendarDecider } from '../domain/interviewer-calendar.decider';

export type SlotTime = Readonly<{ startsAt: string; endsAt: string }>;

export type SlotBooking = Readonly<{
  candidateId: string;
  interviewId: string;
  startsAt: string;
  endsAt: string;
  now: string;
  override: Readonly<{ reason: string }> | null;
}>;

/** One interview's slot in each of its panelists' calendars, moved from `previous` if not null. */
export type PanelHold = Readonly<{
  interviewerIds: readonly string[];
  booking: SlotBooking;
  previous: SlotTime | null;
}>;

/**
 * Each interviewer's calendar is its own consistency boundary: a reservation
 * is decided against the calendar stream and appended with the revision it read,
 * so two candidates cannot both take one interviewer's time.
 */
@Injectable()
export class InterviewerCalendars {
  constructor(private readonly store: EventStore) {}

  /**
   * The cross-candidate rule's two-step write: reserve the slot in every
   * calendar (or move it there from `previous`, for a reschedule), then
   * `record` the interview in the candidate's stream; if recording fails, the
   * calendars are put back and the error is rethrown.
   */
  async holdWhile<T>(
    interviewerIds: readonly string[],
    booking: SlotBooking,
    previous: SlotTime | null,
    context: CommandContext,
    record: () => Promise<T>,
  ): Promise<T> {
    return this.holdEachWhile([{ interviewerIds, booking, previous }], context, record);
  }

  /**
   * `holdWhile` for several interviews recorded by one append (the sessions of
   * an interview day): every panel's slots are held before `record`, or none.
   */
  async holdEachWhile<T>(
    holds: readonly PanelHold[],
    context: CommandContext,
    record: () => Promise<T>,
  ): Promise<T> {
    await this.reserve(holds, context);
    try {
      return await record();
    } catch (error) {
      await this.undo(holds, context);
      throw error;
    }
  }

  /**
   * Reserves every calendar of every hold, calendars concurrently. If any
   * refuses or fails, those reserved are put back and the failure of the
   * earliest panelist (holds, then panels, in order) is rethrown.
   */
  private async reserve(holds: readonly PanelHold[], context: CommandContext): Promise<void> {
    const reservations = holds.flatMap((hold) =>
      hold.interviewerIds.map((interviewerId) => ({ hold, interviewerId })),
    );
    const results = await this.decideEach(
      reservations.map(({ hold, interviewerId }) => ({
        type: 'ReserveInterviewerSlot',
        data: { interviewerId, ...hold.booking },
      })),
      context,
    );
    const failure = firstFailure(results);
    if (failure === undefined) return;
    const reserved = holds.map((hold) => ({
      ...hold,
      interviewerIds: reservations
        .filter((reservation, i) => reservation.hold === hold && results[i].status === 'written')
        .map((reservation) => reservation.interviewerId),
    }));
    await this.undo(reserved, context);
    throw failure.error;
  }

  /** Puts calendars back as they were before `reserve`: released, or moved back to `previous`. */
  private async undo(holds: readonly PanelHold[], context: CommandContext): Promise<void> {
    const commands = holds.flatMap(({ interviewerIds, booking, previous }) =>
      interviewerIds.map((interviewerId): InterviewerCalendarCommand =>
        previous === null
          ? releaseSlot(interviewerId, booking.interviewId, 'the booking was not recorded')
          : slotRestoredTo(
              interviewerId,
              booking,
              previous,
              'moved back: the reschedule was not recorded',
            ),
      ),
    );
    throwFirstFailure(await this.decideEach(commands, context));
  }

  /** Releasing a slot not held changes nothing, so this is safe to repeat. */
  async release(
    interviewerIds: readonly string[],
    interviewId: string,
    reason: string,
    context: CommandContext,
  ): Promise<void> {
    const commands = interviewerIds.map((interviewerId) =>
      releaseSlot(interviewerId, interviewId, reason),
    );
    throwFirstFailure(await this.decideEach(commands, context));
  }

  /** Moves the interviewer's slot for the interview back to a time it was accepted for. */
  async restore(
    interviewerId: string,
    interview: Readonly<{ candidateId: string; interviewId: string }>,
    time: SlotTime,
    reason: string,
    context: CommandContext,
  ): Promise<void> {
    await this.decide(slotRestoredTo(interviewerId, interview, time, reason), context);
  }

  async setAvailability(
    data: SetInterviewerAvailability['data'],
    context: CommandContext,
  ): Promise<void> {
    await this.decide({ type: 'SetInterviewerAvailability', data }, context);
  }

  private async decide(
    command: InterviewerCalendarCommand,
    context: CommandContext,
  ): Promise<void> {
    await handleCommand(
      this.store,
      interviewerCalendarDecider,
      interviewerCalendarStreamName(command.data.interviewerId),
      command,
      context,
    );
  }

  /**
   * Decides every command, calendars concurrently: each is its own stream.
   * One calendar's commands run in order, as together they would only race for
   * its revision, and stop at its first failure.
   */
  private async decideEach(
    commands: readonly InterviewerCalendarCommand[],
    context: CommandContext,
  ): Promise<CalendarWriteResult[]> {
    const results: CalendarWriteResult[] = commands.map(() => ({ status: 'skipped' }));
    const byCalendar = new Map<string, number[]>();
    commands.forEach((command, i) => {
      const indexes = byCalendar.get(command.data.interviewerId) ?? [];
      byCalendar.set(command.data.interviewerId, [...indexes, i]);
    });
    await Promise.all(
      [...byCalendar.values()].map(async (indexes) => {
        for (const i of indexes) {
          try {
            await this.decide(commands[i], context);
            results[i] = { status: 'written' };
          } catch (error) {
            results[i] = { status: 'failed', error };
            return;
          }
        }
      }),
    );
    return results;
  }
}

type CalendarWriteFailure = Readonly<{ status: 'failed'; error: unknown }>;

/** What became of one calendar command; `skipped`: an earlier one on its calendar failed. */
type CalendarWriteResult =
  Readonly<{ status: 'written' }> | CalendarWriteFailure | Readonly<{ status: 'skipped' }>;

function firstFailure(results: readonly CalendarWriteResult[]): CalendarWriteFailure | undefined {
  return results.find((result): result is CalendarWriteFailure => result.status === 'failed');
}

function throwFirstFailure(results: readonly CalendarWriteResult[]): void {
  const failure = firstFailure(results);
  if (failure !== undefined) throw failure.error;
}

function releaseSlot(
  interviewerId: string,
  interviewId: string,
  reason: string,
): InterviewerCalendarCommand {
  return { type: 'ReleaseInterviewerSlot', data: { interviewerId, interviewId, reason } };
}

/**
 * A time the interview was accepted for once is judged as of its own start,
 * and past working hours, so that putting a slot back there is refused only by
 * a clash.
 */
function slotRestoredTo(
  interviewerId: string,
  { candidateId, interviewId }: Readonly<{ candidateId: string; interviewId: string }>,
  time: SlotTime,
  reason: string,
): InterviewerCalendarCommand {
  return {
    type: 'ReserveInterviewerSlot',
    data: {
      interviewerId,
      candidateId,
      interviewId,
      startsAt: time.startsAt,
      endsAt: time.endsAt,
      now: time.startsAt,
      override: { reason },
    },
  };
}
