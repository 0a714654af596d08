import {
  AggregateNotFoundError,
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CommandRejectedError,
  evolveCandidacy,
  openCandidacy,
  type CandidateEvent,
  type InterviewEvent,
  type InterviewKind,
  type InterviewSetting,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import { intervalOf, overlaps, type Interval } from './intervals';
import type {
  CancelInterview,
  CancelInterviewDay,
  CancelOpenInterviews,
  CompleteInterview,
  ConfirmInterview,
  InterviewCommand,
  RecordNoShow,
  RescheduleInterview,
  RescheduleInterviewDay,
  ScheduleInterview,
  ScheduleInterviewDay,
} from './interview.commands';
import {
  CLOSED_INTERVIEW_STATUSES,
  INTERVIEW_KINDS_BY_STAGE,
  type CandidateInterviews,
  type Interview,
  type InterviewDay,
  type InterviewTime,
} from './interview.state';
import { checkedInterval, checkTimeZone } from './time-checks';

/** Everything in a candidate's stream this decider reads: the candidate's own events and the interviews. */
export type CandidateStreamEvent = CandidateEvent | InterviewEvent;

type Candidate = NonNullable<CandidateInterviews['candidate']>;

function openCandidate(state: CandidateInterviews, candidateId: string): Candidate {
  return openCandidacy(state.candidate, candidateId);
}

function checkKindAllowed(candidate: Candidate, kind: InterviewKind): void {
  const allowed = INTERVIEW_KINDS_BY_STAGE[candidate.stage];
  if (!allowed.includes(kind)) {
    throw new CommandRejectedError(
      'stage-does-not-allow-interviews',
      `a candidate in ${candidate.stage} cannot have a ${kind} interview` +
        (allowed.length > 0 ? `; allowed: ${allowed.join(', ')}` : ''),
    );
  }
}

function checkSetting(setting: InterviewSetting, what: string): void {
  const leads = setting.panel.filter((member) => member.role === 'lead').length;
  if (leads !== 1) {
    throw new CommandRejectedError(
      'panel-needs-one-lead',
      `the panel of ${what} needs exactly one lead, not ${leads}`,
    );
  }
  const interviewers = setting.panel.map((member) => member.interviewerId);
  const twice = interviewers.find((id, index) => interviewers.indexOf(id) !== index);
  if (twice !== undefined) {
    throw new CommandRejectedError(
      'interviewer-on-panel-twice',
      `${twice} sits on the panel of ${what} more than once`,
    );
  }
  if (setting.format === 'in-person' && (setting.location ?? '').trim() === '') {
    throw new CommandRejectedError(
      'location-required',
      `${what} is in person and needs a location`,
    );
  }
  if (setting.format === 'video' && (setting.videoLink ?? '').trim() === '') {
    throw new CommandRejectedError('video-link-required', `${what} is by video and needs a link`);
  }
}

function checkReason(reason: string, what: string): void {
  if (reason.trim() === '') {
    throw new CommandRejectedError('reason-required', `${what} needs a reason`);
  }
}

function isOpen(interview: Interview): boolean {
  return !CLOSED_INTERVIEW_STATUSES.has(interview.status);
}

/** A candidate attends one interview at a time; `moving` are the interviews being rescheduled. */
function checkCandidateFree(
  state: CandidateInterviews,
  time: Interval,
  moving: readonly string[] = [],
): void {
  for (const other of state.interviews.values()) {
    if (!moving.includes(other.interviewId) && isOpen(other) && overlaps(intervalOf(other), time)) {
      throw new CommandRejectedError(
        'candidate-double-booked',
        `the candidate already has interview ${other.interviewId} from ${other.startsAt} to ${other.endsAt}`,
      );
    }
  }
}

function checkNewInterviewId(state: CandidateInterviews, interviewId: string): void {
  if (state.interviews.has(interviewId)) {
    throw new CommandRejectedError(
      'interview-already-scheduled',
      `interview ${interviewId} is already scheduled`,
    );
  }
}

function openInterview(state: CandidateInterviews, interviewId: string, action: string): Interview {
  const interview = state.interviews.get(interviewId);
  if (interview === undefined) {
    throw new AggregateNotFoundError(`interview ${interviewId} does not exist`);
  }
  if (!isOpen(interview)) {
    throw new CommandRejectedError(
      'interview-closed',
      `interview ${interviewId} is ${interview.status}; it cannot be ${action}`,
    );
  }
  return interview;
}

function checkStarted(interview: Interview, now: string, action: string): void {
  if (Date.parse(now) < Date.parse(interview.startsAt)) {
    throw new CommandRejectedError(
      'interview-not-started',
      `interview ${interview.interviewId} starts at ${interview.startsAt}; it cannot be ${action} before then`,
    );
  }
}

function schedule(command: ScheduleInterview, state: CandidateInterviews): InterviewEvent {
  const { now: _now, override: _override, ...scheduled } = command.data;
  const what = `interview ${scheduled.interviewId}`;
  checkKindAllowed(openCandidate(state, scheduled.candidateId), scheduled.kind);
  checkNewInterviewId(state, scheduled.interviewId);
  checkTimeZone(scheduled.candidateTimeZone);
  const time = checkedInterval(command.data, what);
  checkSetting(scheduled, what);
  checkCandidateFree(state, time);
  return { type: 'InterviewScheduled', data: scheduled };
}

type DayItem = Readonly<{ label: string; isBreak: boolean; time: Interval }>;

/** Sessions and breaks follow each other with no gap and no overlap, starting and ending with a session. */
function checkBackToBack(items: readonly DayItem[]): void {
  const first = items[0];
  const last = items[items.length - 1];
  if (first.isBreak || last.isBreak) {
    throw new CommandRejectedError(
      'interview-day-starts-or-ends-with-break',
      `an interview day starts and ends with a session, not ${(first.isBreak ? first : last).label}`,
    );
  }
  for (let i = 1; i < items.length; i += 1) {
    const [before, after] = [items[i - 1], items[i]];
    if (before.time.end !== after.time.start) {
      throw new CommandRejectedError(
        'interview-day-not-back-to-back',
        `${before.label} and ${after.label} ${before.time.end > after.time.start ? 'overlap' : 'have a gap between them'}; an interview day runs back to back`,
      );
    }
  }
}

function scheduleDay(command: ScheduleInterviewDay, state: CandidateInterviews): InterviewEvent {
  const { now, override: _override, ...day } = command.data;
  const candidate = openCandidate(state, day.candidateId);
  if (state.days.has(day.dayId)) {
    throw new CommandRejectedError(
      'interview-day-already-scheduled',
      `interview day ${day.dayId} is already scheduled`,
    );
  }
  checkTimeZone(day.candidateTimeZone);
  if (day.sessions.length < 2) {
    throw new CommandRejectedError(
      'interview-day-needs-sessions',
      'an interview day has at least two sessions; schedule a single interview instead',
    );
  }
  const sessionIds = new Set<string>();
  const items: DayItem[] = [];
  for (const session of day.sessions) {
    const label = `session "${session.title}"`;
    checkKindAllowed(candidate, session.kind);
    if (sessionIds.has(session.interviewId)) {
      throw new CommandRejectedError(
        'interview-already-scheduled',
        `interview ${session.interviewId} appears twice in the day`,
      );
    }
    sessionIds.add(session.interviewId);
    checkNewInterviewId(state, session.interviewId);
    items.push({ label, isBreak: false, time: checkedInterval({ ...session, now }, label) });
    checkSetting(session, label);
  }
  for (const pause of day.breaks) {
    const label = `break "${pause.title}"`;
    items.push({ label, isBreak: true, time: checkedInterval({ ...pause, now }, label) });
  }
  items.sort((a, b) => a.time.start - b.time.start);
  checkBackToBack(items);
  checkCandidateFree(state, { start: items[0].time.start, end: items[items.length - 1].time.end });
  return { type: 'InterviewDayScheduled', data: day };
}

function confirm(command: ConfirmInterview, state: CandidateInterviews): InterviewEvent {
  openCandidate(state, command.data.candidateId);
  const interview = openInterview(state, command.data.interviewId, 'confirmed');
  if (interview.status === 'confirmed') {
    throw new CommandRejectedError(
      'interview-already-confirmed',
      `interview ${interview.interviewId} is already confirmed for its current time`,
    );
  }
  return { type: 'InterviewConfirmed', data: command.data };
}

function reschedule(command: RescheduleInterview, state: CandidateInterviews): InterviewEvent {
  const { candidateId, interviewId, startsAt, endsAt, reason } = command.data;
  openCandidate(state, candidateId);
  const interview = openInterview(state, interviewId, 'rescheduled');
  if (interview.day !== null) {
    throw new CommandRejectedError(
      'interview-day-session-moves-with-its-day',
      `interview ${interviewId} is a session of interview day ${interview.day.dayId}; it cannot move on its own, reschedule the day`,
    );
  }
  checkReason(reason, 'a reschedule');
  const time = checkedInterval(command.data, `interview ${interviewId}`);
  const current = intervalOf(interview);
  if (time.start === current.start && time.end === current.end) {
    throw new CommandRejectedError(
      'interview-time-unchanged',
      `interview ${interviewId} is already at that time`,
    );
  }
  checkCandidateFree(state, time, [interviewId]);
  return {
    type: 'InterviewRescheduled',
    data: {
      candidateId,
      interviewId,
      version: interview.history.length + 1,
      startsAt,
      endsAt,
      reason,
    },
  };
}

function existingDay(state: CandidateInterviews, dayId: string): InterviewDay {
  const day = state.days.get(dayId);
  if (day === undefined) {
    throw new AggregateNotFoundError(`interview day ${dayId} does not exist`);
  }
  return day;
}

function openSessionsOf(
  state: CandidateInterviews,
  day: InterviewDay,
  action: string,
): Interview[] {
  const open = day.sessionIds
    .map((sessionId) => state.interviews.get(sessionId))
    .filter((session): session is Interview => session !== undefined && isOpen(session));
  if (open.length === 0) {
    throw new CommandRejectedError(
      'interview-day-closed',
      `every session of interview day ${day.dayId} is cancelled, completed or a no-show; it cannot be ${action}`,
    );
  }
  return open;
}

/** The day keeps its shape: every open session and every break moves by the same offset. */
function rescheduleDay(
  command: RescheduleInterviewDay,
  state: CandidateInterviews,
): InterviewEvent {
  const { candidateId, dayId, startsAt, reason, now } = command.data;
  openCandidate(state, candidateId);
  const day = existingDay(state, dayId);
  const sessions = openSessionsOf(state, day, 'rescheduled');
  checkReason(reason, 'a reschedule');
  const what = `interview day ${dayId}`;
  const [newStart, current, nowAt] = [startsAt, day.startsAt, now].map(Date.parse);
  if (Number.isNaN(newStart) || Number.isNaN(nowAt)) {
    throw new CommandRejectedError('invalid-instant', `${what} needs ISO-8601 instants`);
  }
  if (nowAt >= current) {
    throw new CommandRejectedError(
      'interview-day-started',
      `${what} began at ${day.startsAt}; it cannot move once it has begun`,
    );
  }
  if (newStart < nowAt) {
    throw new CommandRejectedError(
      'in-the-past',
      `${what} cannot start in the past (${startsAt} is before ${now})`,
    );
  }
  if (newStart === current) {
    throw new CommandRejectedError('interview-time-unchanged', `${what} already starts then`);
  }
  const shift = (instant: string) =>
    new Date(Date.parse(instant) + newStart - current).toISOString();
  const moves = sessions.map((session) => ({
    interviewId: session.interviewId,
    version: session.history.length + 1,
    startsAt: shift(session.startsAt),
    endsAt: shift(session.endsAt),
  }));
  for (const move of moves) checkCandidateFree(state, intervalOf(move), day.sessionIds);
  return {
    type: 'InterviewDayRescheduled',
    data: {
      candidateId,
      dayId,
      startsAt: shift(day.startsAt),
      endsAt: shift(day.endsAt),
      sessions: moves,
      breaks: day.breaks.map((pause) => ({
        ...pause,
        startsAt: shift(pause.startsAt),
        endsAt: shift(pause.endsAt),
      })),
      reason,
    },
  };
}

/** No candidacy check: cancelling is how a rejection or withdrawal closes open interviews. */
function cancel(command: CancelInterview, state: CandidateInterviews): InterviewEvent {
  openInterview(state, command.data.interviewId, 'cancelled');
  checkReason(command.data.reason, 'a cancellation');
  return { type: 'InterviewCancelled', data: command.data };
}

/** Every open interview cancelled with the reason; nothing when none is open. */
function cancelOpen(command: CancelOpenInterviews, state: CandidateInterviews): InterviewEvent[] {
  const { candidateId, reason } = command.data;
  checkReason(reason, 'a cancellation');
  return [...state.interviews.values()].filter(isOpen).map(({ interviewId }) => ({
    type: 'InterviewCancelled',
    data: { candidateId, interviewId, reason },
  }));
}

/** One cancellation per session still open, so each session's history reads the same as a single interview's. */
function cancelDay(command: CancelInterviewDay, state: CandidateInterviews): InterviewEvent[] {
  const { candidateId, dayId, reason } = command.data;
  const sessions = openSessionsOf(state, existingDay(state, dayId), 'cancelled');
  checkReason(reason, 'a cancellation');
  return sessions.map(({ interviewId }) => ({
    type: 'InterviewCancelled',
    data: { candidateId, interviewId, reason },
  }));
}

function recordNoShow(command: RecordNoShow, state: CandidateInterviews): InterviewEvent {
  const { candidateId, interviewId, absentee, now } = command.data;
  const interview = openInterview(state, interviewId, 'recorded as a no-show');
  checkStarted(interview, now, 'recorded as a no-show');
  if (absentee.party === 'candidate') {
    return {
      type: 'NoShowRecorded',
      data: { candidateId, interviewId, party: 'candidate', interviewerId: null },
    };
  }
  if (!interview.panel.some((member) => member.interviewerId === absentee.interviewerId)) {
    throw new CommandRejectedError(
      'not-on-panel',
      `${absentee.interviewerId} is not on the panel of interview ${interviewId}`,
    );
  }
  return {
    type: 'NoShowRecorded',
    data: { candidateId, interviewId, party: 'interviewer', interviewerId: absentee.interviewerId },
  };
}

function complete(command: CompleteInterview, state: CandidateInterviews): InterviewEvent {
  const { candidateId, interviewId, now } = command.data;
  const interview = openInterview(state, interviewId, 'completed');
  checkStarted(interview, now, 'completed');
  return { type: 'InterviewCompleted', data: { candidateId, interviewId } };
}

function decide(
  command: InterviewCommand,
  state: CandidateInterviews,
): InterviewEvent | InterviewEvent[] {
  switch (command.type) {
    case 'ScheduleInterview':
      return schedule(command, state);
    case 'ScheduleInterviewDay':
      return scheduleDay(command, state);
    case 'ConfirmInterview':
      return confirm(command, state);
    case 'RescheduleInterview':
      return reschedule(command, state);
    case 'CancelInterview':
      return cancel(command, state);
    case 'RescheduleInterviewDay':
      return rescheduleDay(command, state);
    case 'CancelInterviewDay':
      return cancelDay(command, state);
    case 'CancelOpenInterviews':
      return cancelOpen(command, state);
    case 'RecordNoShow':
      return recordNoShow(command, state);
    case 'CompleteInterview':
      return complete(command, state);
    default:
      return assertNever(command);
  }
}

function withInterviews(
  state: CandidateInterviews,
  interviews: readonly Interview[],
): CandidateInterviews {
  const all = new Map(state.interviews);
  for (const interview of interviews) all.set(interview.interviewId, interview);
  return { ...state, interviews: all };
}

function withInterview(
  state: CandidateInterviews,
  interviewId: string,
  change: (interview: Interview) => Interview,
): CandidateInterviews {
  const interview = state.interviews.get(interviewId);
  return interview === undefined ? state : withInterviews(state, [change(interview)]);
}

/** A new time needs the candidate's confirmation again. */
function movedTo(interview: Interview, time: InterviewTime): Interview {
  return {
    ...interview,
    startsAt: time.startsAt,
    endsAt: time.endsAt,
    status: 'scheduled',
    history: [...interview.history, time],
  };
}

function newInterview(
  fields: Omit<Interview, 'status' | 'history' | 'cancellationReason' | 'noShow'>,
): Interview {
  return {
    ...fields,
    status: 'scheduled',
    history: [{ version: 1, startsAt: fields.startsAt, endsAt: fields.endsAt, reason: null }],
    cancellationReason: null,
    noShow: null,
  };
}

function evolve(state: CandidateInterviews, event: CandidateStreamEvent): CandidateInterviews {
  switch (event.type) {
    case 'CandidateRegistered':
    case 'ScreeningRecorded':
    case 'CandidateStageChanged':
    case 'CandidateRejected':
    case 'CandidateWithdrew':
    case 'CandidateHired':
      return { ...state, candidate: evolveCandidacy(state.candidate, event) };
    case 'InterviewScheduled': {
      const { candidateId: _candidateId, ...interview } = event.data;
      return withInterviews(state, [newInterview({ ...interview, day: null })]);
    }
    case 'InterviewDayScheduled': {
      const { dayId, candidateTimeZone, sessions, breaks } = event.data;
      const days = new Map(state.days);
      days.set(dayId, {
        dayId,
        candidateTimeZone,
        startsAt: sessions.reduce((a, b) =>
          Date.parse(b.startsAt) < Date.parse(a.startsAt) ? b : a,
        ).startsAt,
        endsAt: sessions.reduce((a, b) => (Date.parse(b.endsAt) > Date.parse(a.endsAt) ? b : a))
          .endsAt,
        sessionIds: sessions.map((s) => s.interviewId),
        breaks,
      });
      const interviews = sessions.map(({ title, ...session }) =>
        newInterview({ ...session, candidateTimeZone, day: { dayId, title } }),
      );
      return withInterviews({ ...state, days }, interviews);
    }
    case 'InterviewConfirmed':
      return withInterview(state, event.data.interviewId, (i) => ({ ...i, status: 'confirmed' }));
    case 'InterviewRescheduled': {
      const { version, startsAt, endsAt, reason } = event.data;
      return withInterview(state, event.data.interviewId, (i) =>
        movedTo(i, { version, startsAt, endsAt, reason }),
      );
    }
    case 'InterviewDayRescheduled': {
      const { dayId, startsAt, endsAt, sessions, breaks, reason } = event.data;
      const day = state.days.get(dayId);
      if (day === undefined) return state;
      const moved = sessions.flatMap(({ interviewId, ...time }) => {
        const session = state.interviews.get(interviewId);
        return session === undefined ? [] : [movedTo(session, { ...time, reason })];
      });
      const days = new Map(state.days);
      days.set(dayId, { ...day, startsAt, endsAt, breaks });
      return withInterviews({ ...state, days }, moved);
    }
    case 'InterviewCancelled':
      return withInterview(state, event.data.interviewId, (i) => ({
        ...i,
        status: 'cancelled',
        cancellationReason: event.data.reason,
      }));
    case 'NoShowRecorded': {
      const { party, interviewerId } = event.data;
      return withInterview(state, event.data.interviewId, (i) => ({
        ...i,
        status: 'no-show',
        noShow: { party, interviewerId },
      }));
    }
    case 'InterviewCompleted':
      return withInterview(state, event.data.interviewId, (i) => ({ ...i, status: 'completed' }));
    default:
      return assertNever(event);
  }
}

const initialState = (): CandidateInterviews => ({
  candidate: null,
  interviews: new Map(),
  days: new Map(),
});

/** Keyed by the union, so a new interview event cannot be left out. */
const INTERVIEW_EVENT_TYPES: Readonly<Record<InterviewEvent['type'], true>> = {
  InterviewScheduled: true,
  InterviewDayScheduled: true,
  InterviewDayRescheduled: true,
  InterviewConfirmed: true,
  InterviewRescheduled: true,
  InterviewCancelled: true,
  NoShowRecorded: true,
  InterviewCompleted: true,
};

/** Whether an event of the candidate's stream is one of this service's interview events. */
export function isInterviewEvent(event: CandidateStreamEvent): event is InterviewEvent {
  return Object.hasOwn(INTERVIEW_EVENT_TYPES, event.type);
}

type StoredInterviews = Readonly<{
  candidate: CandidateInterviews['candidate'];
  interviews: Interview[];
  days: InterviewDay[];
}>;

function restoredInterviews(stored: unknown): CandidateInterviews {
  const { candidate, interviews, days } = (stored ?? {}) as Partial<StoredInterviews>;
  if (
    candidate === undefined ||
    !Array.isArray(interviews) ||
    !Array.isArray(days) ||
    !interviews.every((i) => typeof i?.interviewId === 'string' && Array.isArray(i.history)) ||
    !days.every((d) => typeof d?.dayId === 'string' && Array.isArray(d.sessionIds))
  ) {
    throw new Error('not the interviews of a candidate');
  }
  return {
    candidate,
    interviews: new Map(interviews.map((interview) => [interview.interviewId, interview])),
    days: new Map(days.map((day) => [day.dayId, day])),
  };
}

/** A candidate's interviews as JSON and back (snapshots, the interviews read model). */
export const candidateInterviewsJson = {
  serialize: ({ candidate, interviews, days }: CandidateInterviews): StoredInterviews => ({
    candidate,
    interviews: [...interviews.values()],
    days: [...days.values()],
  }),
  deserialize: restoredInterviews,
};

export const interviewDecider: Decider<
  CandidateInterviews,
  InterviewCommand,
  CandidateStreamEvent
> = {
  decide,
  evolve,
  initialState,
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, ...Object.keys(INTERVIEW_EVENT_TYPES)]),
  // Every service appends to the candidate's stream, and every interview command reads it.
  snapshots: {
    name: 'scheduling-interviews',
    // Bump whenever `CandidateInterviews`, `evolve` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    ...candidateInterviewsJson,
  },
};

/** A candidate's stream, as the scheduling service decides on it. */
export const interviewAggregate: Aggregate<
  CandidateInterviews,
  InterviewCommand,
  CandidateStreamEvent
> = {
  name: 'candidate-interviews',
  decider: interviewDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
