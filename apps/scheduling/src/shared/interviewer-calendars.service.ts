import { interviewerCalendarStreamName } from '@hirestream/contracts';
import { EventStore, handleCommand, type CommandContext } from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { InterviewerCalendarCommand } from '../domain/interviewer-calendar.commands';
import { interviewerCalendarDecider } from '../domain/interviewer-calendar.decider';

export type SlotBooking = Readonly<{
  candidateId: string;
  interviewId: string;
  startsAt: string;
  endsAt: string;
  now: string;
  override: Readonly<{ reason: string }> | null;
}>;

/**
 * Each interviewer's calendar is its own consistency boundary: a reservation
 * is decided against the calendar stream and appended with the revision it read,
 * so two candidates cannot both take one interviewer's time.
 */
@Injectable()
export class InterviewerCalendars {
  constructor(private readonly store: EventStore) {}

  /** Reserves (or moves) the slot in every calendar; if one refuses, those already taken are released. */
  async reserve(
    interviewerIds: readonly string[],
    booking: SlotBooking,
    context: CommandContext,
  ): Promise<void> {
    const reserved: string[] = [];
    try {
      for (const interviewerId of interviewerIds) {
        await this.decide(
          { type: 'ReserveInterviewerSlot', data: { interviewerId, ...booking } },
          context,
        );
        reserved.push(interviewerId);
      }
    } catch (error) {
      await this.release(reserved, booking.interviewId, 'the booking was refused', context);
      throw error;
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
