import {
  CANDIDACY_EVENT_TYPES,
  CHECK_FACT_EVENT_TYPES,
  INTERVIEW_FACT_EVENT_TYPES,
  evolveCheckFacts,
  evolveOfferFacts,
  NO_OFFERS,
  OFFER_FACT_EVENT_TYPES,
  type BackgroundChecksEvent,
  type CheckFacts,
  type InterviewDayBreak,
  type InterviewFormat,
  type InterviewKind,
  type InterviewOutcome,
  type OfferFacts,
  type OffersEvent,
} from '@hirestream/contracts';
import type { HiringRecord } from './hiring-event';

/** An interview as the candidate is told of it: where, when, which version of its time. */
export type InterviewPlan = Readonly<{
  interviewId: string;
  title: string | null;
  kind: InterviewKind;
  round: number;
  format: InterviewFormat;
  location: string | null;
  videoLink: string | null;
  startsAt: string;
  endsAt: string;
  /** 1 as scheduled, +1 at each move: the calendar entry's sequence. */
  version: number;
  dayId: string | null;
  outcome: InterviewOutcome;
}>;

export type InterviewDayPlan = Readonly<{
  dayId: string;
  sessionIds: readonly string[];
  breaks: readonly InterviewDayBreak[];
}>;

/**
 * What the notifications know of a candidate, folded from their stream up to
 * the event being told: who they are and where to write (the candidates
 * service's registration), the zone they read times in (the latest the
 * scheduling service was given), their interviews and days, the offers'
 * titles and start dates, the panel decisions by event id, and the shared
 * folds of the check and the offers (`evolveCheckFacts`, `evolveOfferFacts`).
 */
export type CandidateProfile = Readonly<{
  candidateId: string;
  fullName: string;
  email: string;
  jobId: string;
  timeZone: string | null;
  interviews: ReadonlyMap<string, InterviewPlan>;
  days: ReadonlyMap<string, InterviewDayPlan>;
  /** By `<offerId>:<version>`. */
  offerVersions: ReadonlyMap<string, Readonly<{ jobTitle: string; startDate: string }>>;
  offers: OfferFacts;
  check: CheckFacts | null;
  /** Panel decisions to advance, by their event id, with the feedback for the candidate. */
  advancingDecisions: ReadonlyMap<string, string | null>;
}>;

export const offerVersionKey = (offerId: string, version: number) => `${offerId}:${version}`;

function withInterview(
  profile: CandidateProfile,
  interviewId: string,
  change: Partial<InterviewPlan>,
): CandidateProfile {
  const plan = profile.interviews.get(interviewId);
  if (plan === undefined) return profile;
  return {
    ...profile,
    interviews: new Map(profile.interviews).set(interviewId, { ...plan, ...change }),
  };
}

const isCheckEvent = (event: HiringRecord['event']): event is BackgroundChecksEvent =>
  CHECK_FACT_EVENT_TYPES.has(event.type);
const isOfferEvent = (event: HiringRecord['event']): event is OffersEvent =>
  OFFER_FACT_EVENT_TYPES.has(event.type);

/** Folds one event of the candidate stream; null until the candidate is registered. */
export function evolveCandidateProfile(
  profile: CandidateProfile | null,
  record: HiringRecord,
): CandidateProfile | null {
  const folded = evolveOwnFacts(profile, record);
  if (folded === null) return null;
  const { event } = record;
  if (isCheckEvent(event)) return { ...folded, check: evolveCheckFacts(folded.check, event) };
  if (isOfferEvent(event)) return { ...folded, offers: evolveOfferFacts(folded.offers, event) };
  return folded;
}

function evolveOwnFacts(
  profile: CandidateProfile | null,
  { event, metadata }: HiringRecord,
): CandidateProfile | null {
  if (event.type === 'CandidateRegistered') {
    const { candidateId, fullName, email, jobId } = event.data;
    return {
      candidateId,
      fullName,
      email,
      jobId,
      timeZone: null,
      interviews: new Map(),
      days: new Map(),
      offerVersions: new Map(),
      offers: NO_OFFERS,
      check: null,
      advancingDecisions: new Map(),
    };
  }
  if (profile === null) return null;
  switch (event.type) {
    case 'InterviewScheduled': {
      const { interviewId, kind, round, format, location, videoLink, startsAt, endsAt } =
        event.data;
      const plan: InterviewPlan = {
        interviewId,
        title: null,
        kind,
        round,
        format,
        location,
        videoLink,
        startsAt,
        endsAt,
        version: 1,
        dayId: null,
        outcome: 'open',
      };
      return {
        ...profile,
        timeZone: event.data.candidateTimeZone,
        interviews: new Map(profile.interviews).set(interviewId, plan),
      };
    }
    case 'InterviewDayScheduled': {
      const interviews = new Map(profile.interviews);
      for (const session of event.data.sessions) {
        interviews.set(session.interviewId, {
          interviewId: session.interviewId,
          title: session.title,
          kind: session.kind,
          round: session.round,
          format: session.format,
          location: session.location,
          videoLink: session.videoLink,
          startsAt: session.startsAt,
          endsAt: session.endsAt,
          version: 1,
          dayId: event.data.dayId,
          outcome: 'open',
        });
      }
      const day: InterviewDayPlan = {
        dayId: event.data.dayId,
        sessionIds: event.data.sessions.map((session) => session.interviewId),
        breaks: event.data.breaks,
      };
      return {
        ...profile,
        timeZone: event.data.candidateTimeZone,
        interviews,
        days: new Map(profile.days).set(day.dayId, day),
      };
    }
    case 'InterviewDayRescheduled': {
      const moved = event.data.sessions.reduce(
        (folded, { interviewId, version, startsAt, endsAt }) =>
          withInterview(folded, interviewId, { version, startsAt, endsAt }),
        profile,
      );
      const day = moved.days.get(event.data.dayId);
      if (day === undefined) return moved;
      return {
        ...moved,
        days: new Map(moved.days).set(day.dayId, { ...day, breaks: event.data.breaks }),
      };
    }
    case 'InterviewRescheduled': {
      const { interviewId, version, startsAt, endsAt } = event.data;
      return withInterview(profile, interviewId, { version, startsAt, endsAt });
    }
    case 'InterviewCancelled':
      return withInterview(profile, event.data.interviewId, { outcome: 'cancelled' });
    case 'InterviewCompleted':
      return withInterview(profile, event.data.interviewId, { outcome: 'completed' });
    case 'NoShowRecorded':
      return withInterview(profile, event.data.interviewId, { outcome: 'no-show' });
    case 'PanelDecisionRecorded':
      return event.data.decision === 'advance'
        ? {
            ...profile,
            advancingDecisions: new Map(profile.advancingDecisions).set(
              metadata.eventId,
              event.data.feedbackForCandidate,
            ),
          }
        : profile;
    case 'OfferDrafted': {
      const { offerId, version, terms } = event.data;
      return {
        ...profile,
        offerVersions: new Map(profile.offerVersions).set(offerVersionKey(offerId, version), {
          jobTitle: terms.jobTitle,
          startDate: terms.startDate,
        }),
      };
    }
    default:
      return profile;
  }
}

/** The event types the profile folds: the stream is read decoding only these. */
export const PROFILE_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...CANDIDACY_EVENT_TYPES,
  ...INTERVIEW_FACT_EVENT_TYPES,
  'PanelDecisionRecorded',
  'AssessmentAssigned',
  ...CHECK_FACT_EVENT_TYPES,
  ...OFFER_FACT_EVENT_TYPES,
]);
