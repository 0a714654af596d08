import type { InterviewEvent } from '@hirestream/contracts';
import {
  NOTHING_TO_DO,
  type Decision,
  type Process,
  type ProcessPlan,
  type UndoableStep,
} from '@hirestream/event-sourcing';
import type { BookingOverride, InterviewCommand } from '../domain/interview.commands';
import { isInterviewEvent, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews } from '../domain/interview.state';
import type { InterviewerCalendarCommand } from '../domain/interviewer-calendar.commands';

/*
 * The calendar hold: an interviewer cannot be in two places at once, a rule no
 * candidate's stream can guard, so each interviewer's calendar is its own
 * stream. Whatever an interview command decides on the candidate's stream, the
 * panel's calendars follow: a booking reserves each panelist's slot before it is
 * recorded (released again if recording fails), a reschedule moves the slots
 * first (moved back on failure), and a cancellation frees them once recorded.
 */

type Time = Readonly<{ startsAt: string; endsAt: string }>;
type Seat = Readonly<{ candidateId: string; interviewId: string }>;
type Booking = Readonly<{ now: string; override: BookingOverride | null }>;

export function reserveSlot(
  interviewerId: string,
  seat: Seat,
  time: Time,
  booking: Booking,
): InterviewerCalendarCommand {
  return {
    type: 'ReserveInterviewerSlot',
    data: {
      interviewerId,
      candidateId: seat.candidateId,
      interviewId: seat.interviewId,
      startsAt: time.startsAt,
      endsAt: time.endsAt,
      now: booking.now,
      override: booking.override,
    },
  };
}

/** Why a cancelled interview's slots were freed, as the calendars record it. */
export const CANCELLED_INTERVIEW_RELEASE = 'the interview was cancelled';

export function releaseSlot(
  interviewerId: string,
  interviewId: string,
  reason: string,
): InterviewerCalendarCommand {
  return { type: 'ReleaseInterviewerSlot', data: { interviewerId, interviewId, reason } };
}

/**
 * Puts a slot back at a time the interview was accepted for once: judged as of
 * that time's own start and past working hours, so only a clash refuses it.
 */
export function restoreSlot(
  interviewerId: string,
  seat: Seat,
  time: Time,
  reason: string,
): InterviewerCalendarCommand {
  return reserveSlot(interviewerId, seat, time, { now: time.startsAt, override: { reason } });
}

function book(panel: readonly string[], seat: Seat, time: Time, booking: Booking) {
  return panel.map((interviewerId): UndoableStep<InterviewerCalendarCommand> => ({
    command: reserveSlot(interviewerId, seat, time, booking),
    undo: releaseSlot(interviewerId, seat.interviewId, 'the booking was not recorded'),
  }));
}

function move(panel: readonly string[], seat: Seat, from: Time, to: Time, booking: Booking) {
  return panel.map((interviewerId): UndoableStep<InterviewerCalendarCommand> => ({
    command: reserveSlot(interviewerId, seat, to, booking),
    undo: restoreSlot(interviewerId, seat, from, 'moved back: the reschedule was not recorded'),
  }));
}

const panelOf = (interview: Readonly<{ panel: readonly Readonly<{ interviewerId: string }>[] }>) =>
  interview.panel.map((member) => member.interviewerId);

/** When and with what override a booking command books; only booking commands book or move slots. */
function bookingOf(command: InterviewCommand): Booking {
  if (!('override' in command.data)) throw new Error(`${command.type} does not book`);
  return { now: command.data.now, override: command.data.override };
}

function planOf(
  state: CandidateInterviews,
  event: InterviewEvent,
  command: InterviewCommand,
): ProcessPlan<InterviewerCalendarCommand> {
  const candidateId = event.data.candidateId;
  switch (event.type) {
    case 'InterviewScheduled': {
      const seat = { candidateId, interviewId: event.data.interviewId };
      return {
        before: book(panelOf(event.data), seat, event.data, bookingOf(command)),
        after: [],
      };
    }
    case 'InterviewDayScheduled':
      return {
        before: event.data.sessions.flatMap((session) =>
          book(
            panelOf(session),
            { candidateId, interviewId: session.interviewId },
            session,
            bookingOf(command),
          ),
        ),
        after: [],
      };
    case 'InterviewRescheduled': {
      const interview = state.interviews.get(event.data.interviewId);
      if (interview === undefined) return NOTHING_TO_DO;
      const seat = { candidateId, interviewId: interview.interviewId };
      return {
        before: move(panelOf(interview), seat, interview, event.data, bookingOf(command)),
        after: [],
      };
    }
    case 'InterviewDayRescheduled':
      return {
        before: event.data.sessions.flatMap((session) => {
          const interview = state.interviews.get(session.interviewId);
          if (interview === undefined) return [];
          const seat = { candidateId, interviewId: interview.interviewId };
          return move(panelOf(interview), seat, interview, session, bookingOf(command));
        }),
        after: [],
      };
    case 'InterviewCancelled': {
      const interview = state.interviews.get(event.data.interviewId);
      if (interview === undefined) return NOTHING_TO_DO;
      // Freed only once the cancellation is recorded: until then the time stays taken. Its
      // reason speaks of the candidacy and stays in the candidate's stream, under the
      // candidacy's key: copied into a calendar it would be kept under the interviewer's and
      // outlive the candidate's erasure.
      return {
        before: [],
        after: panelOf(interview).map((id) =>
          releaseSlot(id, interview.interviewId, CANCELLED_INTERVIEW_RELEASE),
        ),
      };
    }
    case 'InterviewConfirmed':
    case 'NoShowRecorded':
    case 'InterviewCompleted':
      return NOTHING_TO_DO;
  }
}

/** What the panel's calendars need, for every interview event a command decided. */
function plan(
  decision: Decision<CandidateInterviews, CandidateStreamEvent>,
  command: InterviewCommand,
): ProcessPlan<InterviewerCalendarCommand> {
  const plans = decision.events.map((event) =>
    isInterviewEvent(event) ? planOf(decision.state, event, command) : NOTHING_TO_DO,
  );
  return {
    before: plans.flatMap((p) => p.before),
    after: plans.flatMap((p) => p.after),
  };
}

export const calendarHoldProcess: Process<
  CandidateInterviews,
  InterviewCommand,
  CandidateStreamEvent,
  InterviewerCalendarCommand
> = { name: 'calendar-hold', plan };
