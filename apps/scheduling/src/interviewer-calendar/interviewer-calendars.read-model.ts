import {
  interviewerIdOfCalendarStream,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import type { Availability } from '../domain/working-hours';

/** The event types of calendar streams, which feed the calendars' projection. */
export const CALENDAR_EVENT_TYPES: readonly InterviewerCalendarEvent['type'][] = [
  'InterviewerAvailabilitySet',
  'InterviewerSlotReserved',
  'InterviewerSlotReleased',
];

export type SlotRow = Readonly<{
  interviewerId: string;
  interviewId: string;
  candidateId: string;
  startsAt: string;
  endsAt: string;
}>;

/** What a batch of calendar events changes: availabilities set, slots held (or moved), slots freed. */
export type CalendarChanges = Readonly<{
  availabilities: readonly Readonly<{ interviewerId: string; availability: Availability }>[];
  held: readonly SlotRow[];
  freed: readonly Readonly<{ interviewerId: string; interviewId: string }>[];
}>;

/**
 * The calendars' fold, pure, as the calendar decider's `evolve` reads the same
 * events: the last availability of each interviewer, and the final fate of each
 * slot the batch touched (reserving an interview's slot again moves it).
 */
export function calendarChanges(
  events: readonly RecordedEvent<InterviewerCalendarEvent>[],
): CalendarChanges {
  const availabilities = new Map<string, Availability>();
  const slots = new Map<
    string,
    SlotRow | Readonly<{ interviewerId: string; interviewId: string }>
  >();
  for (const { streamName, event } of events) {
    const interviewerId = interviewerIdOfCalendarStream(streamName);
    if (interviewerId === undefined) continue;
    switch (event.type) {
      case 'InterviewerAvailabilitySet': {
        const { interviewerId: _id, ...availability } = event.data;
        availabilities.set(interviewerId, availability);
        break;
      }
      case 'InterviewerSlotReserved': {
        const { interviewId, candidateId, startsAt, endsAt } = event.data;
        slots.set(`${interviewerId}/${interviewId}`, {
          interviewerId,
          interviewId,
          candidateId,
          startsAt,
          endsAt,
        });
        break;
      }
      case 'InterviewerSlotReleased':
        slots.set(`${interviewerId}/${event.data.interviewId}`, {
          interviewerId,
          interviewId: event.data.interviewId,
        });
        break;
    }
  }
  const fates = [...slots.values()];
  return {
    availabilities: [...availabilities].map(([interviewerId, availability]) => ({
      interviewerId,
      availability,
    })),
    held: fates.filter((fate): fate is SlotRow => 'startsAt' in fate),
    freed: fates.filter((fate) => !('startsAt' in fate)),
  };
}
