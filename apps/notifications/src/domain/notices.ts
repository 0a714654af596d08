import type {
  AssessmentAssigned,
  FinalAdverseActionTaken,
  InterviewDayRescheduled,
  PreAdverseActionNoticeSent,
} from '@hirestream/contracts';
import type { CalendarEntry, CalendarInvite } from './calendar-invite';
import type { CandidateNotice, NoticeSettings } from './candidate-notice';
import type { CandidateProfile, InterviewPlan } from './candidate-profile';
import { offerVersionKey } from './candidate-profile';
import type { HiringRecord } from './hiring-event';
import { calendarDate, localDate, localDateTime, localTime, spoken } from './local-time';
import type { MessageKind } from './message-kinds';
import type { TemplateValue, TemplateView } from './template-view';

/** The event types that may lead to a message; the others are not read at all. */
export const NOTICE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CandidateRegistered',
  'CandidateStageChanged',
  'CandidateRejected',
  'InterviewScheduled',
  'InterviewRescheduled',
  'InterviewCancelled',
  'InterviewDayScheduled',
  'InterviewDayRescheduled',
  'AssessmentAssigned',
  'PanelDecisionRecorded',
  'BackgroundCheckInitiated',
  'PreAdverseActionNoticeSent',
  'FinalAdverseActionTaken',
  'OfferExtended',
]);

/** Stages a candidate is told they move on to (earlier ones are the application's own steps). */
const TOLD_STAGES: ReadonlySet<string> = new Set(['interviewing', 'background-check', 'offer']);

type Context = Readonly<{
  profile: CandidateProfile;
  settings: NoticeSettings;
  timeZone: string;
  /** When the fact told happened: the invitations' stamp. */
  stampedAt: string;
}>;

function notice(
  { profile, settings, timeZone }: Context,
  kind: MessageKind,
  view: TemplateView,
  calendar: CalendarInvite | null = null,
): CandidateNotice {
  return {
    kind,
    candidateId: profile.candidateId,
    recipient: { name: profile.fullName, email: profile.email },
    locale: settings.locale,
    timeZone,
    view: { candidateName: profile.fullName, jobId: profile.jobId, timeZone, ...view },
    calendar,
  };
}

function whereOf(plan: InterviewPlan): string | null {
  return plan.format === 'in-person' ? plan.location : plan.videoLink;
}

function interviewTitle(plan: InterviewPlan): string {
  return plan.title ?? `${spoken(plan.kind)} interview (round ${plan.round})`;
}

function interviewView({ settings, timeZone }: Context, plan: InterviewPlan): TemplateView {
  return {
    title: interviewTitle(plan),
    kind: spoken(plan.kind),
    round: plan.round,
    format: spoken(plan.format),
    where: whereOf(plan),
    date: localDate(plan.startsAt, timeZone, settings.locale),
    starts: localTime(plan.startsAt, timeZone, settings.locale),
    ends: localTime(plan.endsAt, timeZone, settings.locale),
  };
}

function calendarEntry(context: Context, plan: InterviewPlan, cancelled: boolean): CalendarEntry {
  const where = whereOf(plan);
  return {
    uid: `interview-${plan.interviewId}@hirestream`,
    sequence: plan.version - 1,
    startsAt: plan.startsAt,
    endsAt: plan.endsAt,
    summary: interviewTitle(plan),
    location: where,
    description: [
      `${spoken(plan.format)} ${spoken(plan.kind)} interview, round ${plan.round}`,
      ...(where === null ? [] : [where]),
    ].join('\n'),
    cancelled,
  };
}

function invite(
  context: Context,
  method: CalendarInvite['method'],
  entries: readonly CalendarEntry[],
): CalendarInvite {
  return {
    method,
    stampedAt: context.stampedAt,
    organizer: context.settings.organizer,
    attendee: { name: context.profile.fullName, email: context.profile.email },
    entries,
  };
}

/** The day's sessions and breaks in time order, in the candidate's zone. */
function dayView(context: Context, dayId: string): TemplateView | undefined {
  const day = context.profile.days.get(dayId);
  if (day === undefined) return undefined;
  const { timeZone, settings } = context;
  const sessions = day.sessionIds.flatMap((id) => {
    const plan = context.profile.interviews.get(id);
    return plan === undefined || plan.outcome === 'cancelled' ? [] : [plan];
  });
  if (sessions.length === 0) return undefined;
  const slots = [
    ...sessions.map((plan) => ({
      startsAt: plan.startsAt,
      item: {
        starts: localTime(plan.startsAt, timeZone, settings.locale),
        ends: localTime(plan.endsAt, timeZone, settings.locale),
        title: interviewTitle(plan),
        format: spoken(plan.format),
        where: whereOf(plan),
        isBreak: false,
      },
    })),
    ...day.breaks.map((pause) => ({
      startsAt: pause.startsAt,
      item: {
        starts: localTime(pause.startsAt, timeZone, settings.locale),
        ends: localTime(pause.endsAt, timeZone, settings.locale),
        title: pause.title,
        format: null,
        where: null,
        isBreak: true,
      },
    })),
  ].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return {
    date: localDate(sessions[0].startsAt, timeZone, settings.locale),
    agenda: slots.map(({ item }) => item),
  };
}

function dayNotice(
  context: Context,
  kind: 'interview-day-scheduled' | 'interview-day-rescheduled',
  dayId: string,
  extra: TemplateView,
): CandidateNotice | null {
  const day = dayView(context, dayId);
  const sessions = (context.profile.days.get(dayId)?.sessionIds ?? []).flatMap((id) => {
    const plan = context.profile.interviews.get(id);
    return plan === undefined || plan.outcome === 'cancelled' ? [] : [plan];
  });
  if (day === undefined) return null;
  const entries = sessions.map((plan) => calendarEntry(context, plan, false));
  return notice(context, kind, { day, ...extra }, invite(context, 'REQUEST', entries));
}

function assessmentNotice(context: Context, event: AssessmentAssigned): CandidateNotice {
  const { title, kind, instructions, dueAt } = event.data;
  return notice(context, 'assessment-assigned', {
    title,
    kind: spoken(kind),
    instructions,
    due: localDateTime(dueAt, context.timeZone, context.settings.locale),
  });
}

function itemViews(context: Context, itemIds: readonly string[]): TemplateValue[] {
  return itemIds.map((itemId) => {
    const item = context.profile.check?.items.find((candidate) => candidate.itemId === itemId);
    return {
      kind: spoken(item?.kind ?? itemId),
      subject: item?.subject ?? null,
      summary: item?.summary ?? null,
    };
  });
}

function preAdverseNotice(context: Context, event: PreAdverseActionNoticeSent): CandidateNotice {
  const { itemIds, reportCopyReference, waitingBusinessDays, windowEndsAt, automaticFinalAction } =
    event.data;
  return notice(context, 'pre-adverse-action-notice', {
    items: itemViews(context, itemIds),
    reportCopyReference,
    summaryOfRights: event.data.summaryOfRights.documentId,
    waitingBusinessDays,
    windowEnds: localDateTime(windowEndsAt, context.timeZone, context.settings.locale),
    automaticFinalAction,
  });
}

function finalAdverseNotice(context: Context, event: FinalAdverseActionTaken): CandidateNotice {
  const adverse = context.profile.check?.adverseAction;
  return notice(context, 'final-adverse-action-notice', {
    reason: event.data.reason,
    items: itemViews(context, adverse?.itemIds ?? []),
    reportCopyReference: adverse?.reportCopyReference ?? null,
  });
}

function rescheduledDayNotice(
  context: Context,
  event: InterviewDayRescheduled,
): CandidateNotice | null {
  return dayNotice(context, 'interview-day-rescheduled', event.data.dayId, {
    reason: event.data.reason,
  });
}

/**
 * The message an event tells the candidate, decided from the event as it
 * stands in the candidate stream and the candidate's facts folded up to and
 * including it (so a redelivery decides the same message); null when the
 * event tells the candidate nothing.
 */
export function noticeFor(
  record: HiringRecord,
  profile: CandidateProfile,
  settings: NoticeSettings,
): CandidateNotice | null {
  const context: Context = {
    profile,
    settings,
    timeZone: profile.timeZone ?? settings.timeZone,
    stampedAt: record.metadata.occurredAt,
  };
  const { event } = record;
  switch (event.type) {
    case 'CandidateRegistered':
      return notice(context, 'application-received', {});
    case 'CandidateStageChanged':
      // A panel's decision to advance was told with its feedback when it was recorded.
      if (!TOLD_STAGES.has(event.data.to)) return null;
      if (profile.advancingDecisions.has(record.metadata.causationId)) return null;
      return notice(context, 'advancing', { nextStep: spoken(event.data.to), feedback: null });
    case 'PanelDecisionRecorded':
      if (event.data.decision !== 'advance') return null;
      return notice(context, 'advancing', {
        nextStep: spoken(event.data.advanceTo ?? 'next-round'),
        feedback: event.data.feedbackForCandidate,
      });
    case 'CandidateRejected':
      // An adverse action was told by its own notices; a withdrawal was the candidate's own.
      if (event.data.category === 'adverse-action' || event.data.category === 'withdrew') {
        return null;
      }
      return notice(context, 'not-advancing', { feedback: event.data.feedbackForCandidate });
    case 'InterviewScheduled':
    case 'InterviewRescheduled':
    case 'InterviewCancelled': {
      const plan = profile.interviews.get(event.data.interviewId);
      if (plan === undefined) return null;
      const cancelled = event.type === 'InterviewCancelled';
      const kind =
        event.type === 'InterviewScheduled'
          ? 'interview-scheduled'
          : cancelled
            ? 'interview-cancelled'
            : 'interview-rescheduled';
      const reason = event.type === 'InterviewScheduled' ? null : event.data.reason;
      const entry = calendarEntry(context, plan, cancelled);
      return notice(
        context,
        kind,
        { interview: interviewView(context, plan), reason },
        invite(context, cancelled ? 'CANCEL' : 'REQUEST', [entry]),
      );
    }
    case 'InterviewDayScheduled':
      return dayNotice(context, 'interview-day-scheduled', event.data.dayId, {});
    case 'InterviewDayRescheduled':
      return rescheduledDayNotice(context, event);
    case 'AssessmentAssigned':
      return assessmentNotice(context, event);
    case 'BackgroundCheckInitiated':
      return notice(context, 'background-check-consent-requested', {
        items: event.data.items.map((item) => ({ kind: spoken(item.kind), subject: item.subject })),
      });
    case 'PreAdverseActionNoticeSent':
      return preAdverseNotice(context, event);
    case 'FinalAdverseActionTaken':
      return finalAdverseNotice(context, event);
    case 'OfferExtended':
      return offerNotice(
        context,
        'offer-extended',
        event.data.offerId,
        event.data.version,
        event.data.expiresAt,
      );
    default:
      return null;
  }
}

function offerNotice(
  context: Context,
  kind: 'offer-extended' | 'offer-expiring-soon',
  offerId: string,
  version: number,
  expiresAt: string,
): CandidateNotice {
  const terms = context.profile.offerVersions.get(offerVersionKey(offerId, version));
  return notice(context, kind, {
    jobTitle: terms?.jobTitle ?? context.profile.jobId,
    startDate: terms === undefined ? null : calendarDate(terms.startDate, context.settings.locale),
    expires: localDateTime(expiresAt, context.timeZone, context.settings.locale),
  });
}

/**
 * The reminder of an offer about to expire, if the candidate has not answered
 * it yet: the version the timer was set for is still the extended one.
 */
export function offerReminderFor(
  profile: CandidateProfile,
  settings: NoticeSettings,
  offer: Readonly<{ offerId: string; version: number; expiresAt: string; firedAt: string }>,
): CandidateNotice | null {
  const fact = profile.offers.get(offer.offerId);
  if (fact === undefined || fact.status !== 'extended' || fact.version !== offer.version) {
    return null;
  }
  const context: Context = {
    profile,
    settings,
    timeZone: profile.timeZone ?? settings.timeZone,
    stampedAt: offer.firedAt,
  };
  return offerNotice(context, 'offer-expiring-soon', offer.offerId, offer.version, offer.expiresAt);
}
