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

  /** If one calendar refuses, those already changed (in any hold) are put back. */
  private async reserve(holds: readonly PanelHold[], context: CommandContext): Promise<void> {
    const changed: PanelHold[] = [];
    try {
      for (const hold of holds) {
        const reserved: string[] = [];
        changed.push({ ...hold, interviewerIds: reserved });
        for (const interviewerId of hold.interviewerIds) {
          await this.decide(
            { type: 'ReserveInterviewerSlot', data: { interviewerId, ...hold.booking } },
            context,
          );
          reserved.push(interviewerId);
        }
      }
    } catch (error) {
      await this.undo(changed, context);
      throw error;
    }
  }

  /** Puts calendars back as they were before `reserve`: released, or moved back to `previous`. */
  private async undo(holds: readonly PanelHold[], context: CommandContext): Promise<void> {
    for (const { interviewerIds, booking, previous } of holds) {
      if (previous === null) {
        await this.release(
          interviewerIds,
          booking.interviewId,
          'the booking was not recorded',
          context,
        );
        continue;
      }
      for (const interviewerId of interviewerIds) {
        await this.decide(
          {
            type: 'ReserveInterviewerSlot',
            data: {
              interviewerId,
              ...booking,
              ...previous,
              // The old time was accepted once; it is judged as of its own start,
              // and past working hours, so that putting it back cannot be refused.
              now: previous.startsAt,
              override: { reason: 'moved back: the reschedule was not recorded' },
            },
          },
          context,
        );
      }
    }
  }

  /** Releasing a slot not held changes nothing, so this is safe to repeat. */
  async release(
    interviewerIds: readonly string[],
    interviewId: string,
    reason: string,
    context: CommandContext,
  ): Promise<void> {
    for (const interviewerId of interviewerIds) {
      await this.decide(
        { type: 'ReleaseInterviewerSlot', data: { interviewerId, interviewId, reason } },
        context,
      );
    }
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
}
