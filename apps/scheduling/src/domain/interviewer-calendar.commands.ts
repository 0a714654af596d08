import type {
  Command,
  InterviewerAvailabilitySet,
  InterviewerSlotReleased,
  InterviewerSlotReserved,
} from '@hirestream/contracts';
import type { BookingOverride } from './interview.commands';

export type SetInterviewerAvailability = Command<
  'SetInterviewerAvailability',
  InterviewerAvailabilitySet['data']
>;

/**
 * Reserving an interview that already holds a slot moves it (a reschedule).
 * `override` lets a coordinator book outside working hours or past the daily
 * limit, never into a clash.
 */
export type ReserveInterviewerSlot = Command<
  'ReserveInterviewerSlot',
  Omit<InterviewerSlotReserved['data'], 'override'> & {
    now: string;
    override: BookingOverride | null;
  }
>;

export type ReleaseInterviewerSlot = Command<
  'ReleaseInterviewerSlot',
  InterviewerSlotReleased['data']
>;

export type InterviewerCalendarCommand =
  SetInterviewerAvailability | ReserveInterviewerSlot | ReleaseInterviewerSlot;
