import {
  candidateStreamName,
  interviewerCalendarStreamName,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';
import { EventStore, foldEvents } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { interviewerCalendarDecider } from '../../src/domain/interviewer-calendar.decider';
import type { InterviewerCalendar } from '../../src/domain/interviewer-calendar.state';

/** Interviewer ids unique to one test, so calendars never carry over between tests. */
export const interviewer = (name: string): string => `${name}-${randomUUID().slice(0, 8)}`;

/** What the scheduling integration tests set up and look at directly in the store. */
export type SchedulingFixtures = Readonly<{
  /** A candidate in `interviewing`, written as the candidates service would write it. */
  interviewingCandidate: () => Promise<string>;
  /** The interviewer's calendar stream, folded. */
  calendarOf: (interviewerId: string) => Promise<InterviewerCalendar>;
  /** The interview ids the interviewer's calendar stream holds. */
  heldSlots: (interviewerId: string) => Promise<string[]>;
  /** When each slot the interviewer's calendar stream holds starts, as UTC instants. */
  slotStarts: (interviewerId: string) => Promise<string[]>;
  /** The types of the candidate stream's events, oldest first. */
  eventTypes: (candidateId: string) => Promise<string[]>;
}>;

/** The fixtures over the store `storeOf` gives once the spec's app has started. */
export function schedulingFixtures(storeOf: () => EventStore): SchedulingFixtures {
  const calendarOf = async (interviewerId: string): Promise<InterviewerCalendar> => {
    const { events } = await storeOf().readStream<InterviewerCalendarEvent>(
      interviewerCalendarStreamName(interviewerId),
    );
    return foldEvents(
      interviewerCalendarDecider,
      events.map((recorded) => recorded.event),
    );
  };
  return {
    async interviewingCandidate() {
      const candidateId = randomUUID();
      const events = candidateStreamFacts(candidateId).interviewing();
      await storeOf().append(candidateStreamName(candidateId), events, undefined, {
        actor: { id: 'recruiter-1', role: 'recruiter' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      });
      return candidateId;
    },
    calendarOf,
    async heldSlots(interviewerId) {
      return [...(await calendarOf(interviewerId)).slots.keys()];
    },
    async slotStarts(interviewerId) {
      return [...(await calendarOf(interviewerId)).slots.values()].map((slot) =>
        new Date(slot.interval.start).toISOString(),
      );
    },
    async eventTypes(candidateId) {
      const { events } = await storeOf().readStream(candidateStreamName(candidateId));
      return events.map((recorded) => recorded.event.type);
    },
  };
}
