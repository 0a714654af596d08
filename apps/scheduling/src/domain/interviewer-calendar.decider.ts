import { CommandRejectedError } from '@hirestream/contracts';
import {
  interviewerCalendarStreamName,
  minuteOfDay,
  wallClockText,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import { contains, intervalOf, overlaps, type Interval } from './intervals';
import type {
  InterviewerCalendarCommand,
  ReleaseInterviewerSlot,
  ReserveInterviewerSlot,
  SetInterviewerAvailability,
} from './interviewer-calendar.commands';
import type { InterviewerCalendar, ReservedSlot } from './interviewer-calendar.state';
import { checkedInterval, checkTimeZone } from './time-checks';
import { workingDayAt, type Availability } from './working-hours';

type BrokenRule = Readonly<{ rule: string; message: string }>;

function setAvailability(command: SetInterviewerAvailability): InterviewerCalendarEvent {
  const { timeZone, workingHours, dailyInterviewLimit } = command.data;
  checkTimeZone(timeZone);
  if (new Set(workingHours.map((h) => h.weekday)).size !== workingHours.length) {
    throw new CommandRejectedError(
      'invalid-working-hours',
      'each weekday has at most one span of working hours',
    );
  }
  const backwards = workingHours.find((h) => minuteOfDay(h.start) >= minuteOfDay(h.end));
  if (backwards !== undefined) {
    throw new CommandRejectedError(
      'invalid-working-hours',
      `working hours on weekday ${backwards.weekday} must end (${backwards.end}) after they start (${backwards.start})`,
    );
  }
  if (!Number.isInteger(dailyInterviewLimit) || dailyInterviewLimit < 1) {
    throw new CommandRejectedError(
      'invalid-daily-limit',
      'the daily interview limit is a whole number from 1',
    );
  }
  return { type: 'InterviewerAvailabilitySet', data: command.data };
}

/** The working-hours and daily-limit rules a booking breaks; these, unlike clashes, may be overridden. */
function availabilityRulesBroken(
  availability: Availability,
  slot: Interval,
  otherSlots: readonly ReservedSlot[],
): BrokenRule[] {
  const { timeZone, dailyInterviewLimit } = availability;
  const day = workingDayAt(availability, slot.start);
  const broken: BrokenRule[] = [];
  if (day.working === null || !contains(day.working, slot)) {
    const hours =
      day.working === null
        ? 'it is not a working day'
        : `working hours are ${wallClockText(day.working.start, timeZone)}–${wallClockText(day.working.end, timeZone)}`;
    broken.push({
      rule: 'outside-working-hours',
      message: `${wallClockText(slot.start, timeZone)}–${wallClockText(slot.end, timeZone)} ${timeZone} is outside working hours (${hours})`,
    });
  }
  const bookedThatDay = otherSlots.filter(
    (s) => day.day.start <= s.interval.start && s.interval.start < day.day.end,
  ).length;
  if (bookedThatDay >= dailyInterviewLimit) {
    broken.push({
      rule: 'daily-limit-reached',
      message: `${bookedThatDay} interviews are already booked that day (limit ${dailyInterviewLimit})`,
    });
  }
  return broken;
}

function reserve(
  command: ReserveInterviewerSlot,
  calendar: InterviewerCalendar,
): InterviewerCalendarEvent[] {
  const { now: _now, override, ...booking } = command.data;
  const slot = checkedInterval(command.data, `interview ${booking.interviewId}`);
  const held = calendar.slots.get(booking.interviewId);
  // A retried reservation (the edge could not tell whether it was stored) changes nothing.
  if (held !== undefined && held.interval.start === slot.start && held.interval.end === slot.end) {
    return [];
  }
  const otherSlots = [...calendar.slots.values()].filter(
    (s) => s.interviewId !== booking.interviewId,
  );
  const clash = otherSlots.find((s) => overlaps(s.interval, slot));
  if (clash !== undefined) {
    throw new CommandRejectedError(
      'interviewer-double-booked',
      `${booking.interviewerId} is already booked for interview ${clash.interviewId} from ` +
        `${new Date(clash.interval.start).toISOString()} to ${new Date(clash.interval.end).toISOString()}`,
    );
  }
  const broken =
    calendar.availability === null
      ? []
      : availabilityRulesBroken(calendar.availability, slot, otherSlots);
  if (override !== null && override.reason.trim() === '') {
    throw new CommandRejectedError(
      'override-needs-reason',
      'booking outside availability needs a reason',
    );
  }
  if (broken.length > 0 && override === null) {
    throw new CommandRejectedError(
      broken[0].rule,
      `${broken.map((b) => b.message).join('; ')}; book it with an override and a reason if it must be`,
    );
  }
  return [
    {
      type: 'InterviewerSlotReserved',
      data: {
        ...booking,
        override:
          broken.length > 0 && override !== null
            ? { reason: override.reason, overrodeRules: broken.map((b) => b.rule) }
            : null,
      },
    },
  ];
}

/** Releasing a slot that is not held changes nothing, so compensations can be retried safely. */
function release(
  command: ReleaseInterviewerSlot,
  calendar: InterviewerCalendar,
): InterviewerCalendarEvent[] {
  return calendar.slots.has(command.data.interviewId)
    ? [{ type: 'InterviewerSlotReleased', data: command.data }]
    : [];
}

function decide(
  command: InterviewerCalendarCommand,
  calendar: InterviewerCalendar,
): InterviewerCalendarEvent | InterviewerCalendarEvent[] {
  switch (command.type) {
    case 'SetInterviewerAvailability':
      return setAvailability(command);
    case 'ReserveInterviewerSlot':
      return reserve(command, calendar);
    case 'ReleaseInterviewerSlot':
      return release(command, calendar);
    default:
      return assertNever(command);
  }
}

function evolve(
  calendar: InterviewerCalendar,
  event: InterviewerCalendarEvent,
): InterviewerCalendar {
  switch (event.type) {
    case 'InterviewerAvailabilitySet': {
      const { interviewerId: _interviewerId, ...availability } = event.data;
      return { ...calendar, availability };
    }
    case 'InterviewerSlotReserved': {
      const { interviewId, candidateId } = event.data;
      const slots = new Map(calendar.slots);
      slots.set(interviewId, { interviewId, candidateId, interval: intervalOf(event.data) });
      return { ...calendar, slots };
    }
    case 'InterviewerSlotReleased': {
      const slots = new Map(calendar.slots);
      slots.delete(event.data.interviewId);
      return { ...calendar, slots };
    }
    default:
      return assertNever(event);
  }
}

const initialState = (): InterviewerCalendar => ({ availability: null, slots: new Map() });

type StoredCalendar = Readonly<{ availability: Availability | null; slots: ReservedSlot[] }>;

function isReservedSlot(value: unknown): value is ReservedSlot {
  const slot = value as Partial<ReservedSlot> | null;
  return (
    typeof slot?.interviewId === 'string' &&
    typeof slot.candidateId === 'string' &&
    typeof slot.interval?.start === 'number' &&
    typeof slot.interval.end === 'number'
  );
}

function restoredCalendar(stored: unknown): InterviewerCalendar {
  const { availability, slots } = (stored ?? {}) as Partial<StoredCalendar>;
  if (!Array.isArray(slots) || !slots.every(isReservedSlot) || availability === undefined) {
    throw new Error('not an interviewer calendar');
  }
  return { availability, slots: new Map(slots.map((slot) => [slot.interviewId, slot])) };
}

export const interviewerCalendarDecider: Decider<
  InterviewerCalendar,
  InterviewerCalendarCommand,
  InterviewerCalendarEvent
> = {
  decide,
  evolve,
  initialState,
  eventTypes: new Set([
    'InterviewerAvailabilitySet',
    'InterviewerSlotReserved',
    'InterviewerSlotReleased',
  ]),
  // A busy interviewer's calendar stream grows with every booking and release; each
  // booking reads it, so it starts from a snapshot of the slots still held.
  snapshots: {
    name: 'interviewer-calendar',
    // Bump whenever `InterviewerCalendar` or `evolve` changes: older snapshots are then ignored.
    version: 1,
    every: 50,
    serialize: ({ availability, slots }): StoredCalendar => ({
      availability,
      slots: [...slots.values()],
    }),
    deserialize: restoredCalendar,
  },
};

/** An interviewer's calendar stream: the consistency boundary of "one place at a time". */
export const interviewerCalendarAggregate: Aggregate<
  InterviewerCalendar,
  InterviewerCalendarCommand,
  InterviewerCalendarEvent
> = {
  name: 'interviewer-calendar',
  decider: interviewerCalendarDecider,
  streamOf: (command) => interviewerCalendarStreamName(command.data.interviewerId),
};
