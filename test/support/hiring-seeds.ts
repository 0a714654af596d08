import type { Response } from 'light-my-request';
import { hoursAfter } from './instants';
import { draftedTerms } from './offer-stream-facts';
import type { ServiceApp, ServiceRequest } from './service-app';

export { hoursAfter };

type Json = Record<string, unknown>;

/** Resources made through the services' own APIs, as a recruiter and a coordinator would. */
export type HiringSeeds = Readonly<{
  /** A candidate registered through the candidates API, in `applied`. */
  appliedCandidate(): Promise<string>;
  /** A registered candidate, screened (passed) and moved to `interviewing`. */
  interviewingCandidate(): Promise<string>;
  /** A one-hour video interview from `startsAt`; the first panelist leads, the others ask questions. */
  interview(candidateId: string, panel: readonly string[], startsAt: string): Promise<string>;
  /** An interview day of two back-to-back one-hour in-person sessions from `startsAt`, one per lead. */
  interviewDay(candidateId: string, leads: readonly string[], startsAt: string): Promise<string>;
  /** Gives the interviewer `ALWAYS_AVAILABLE` working hours. */
  alwaysAvailable(interviewerId: string): Promise<void>;
  /** A recruiter's pending request to erase the candidate's personal data (an admin approves); its id. */
  erasureRequest(candidateId: string): Promise<string>;
}>;

/** The job every seeded candidate applies for, and the kind of every seeded interview. */
export const SEEDED_JOB_ID = 'job-1';
export const SEEDED_INTERVIEW_KIND = 'technical';

/** Working hours for an interviewer who is always available: every day, 00:00–23:59 UTC, 20 a day. */
export const ALWAYS_AVAILABLE = {
  timeZone: 'UTC',
  workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
  dailyInterviewLimit: 20,
};

async function sent(app: ServiceApp, request: ServiceRequest, status: number): Promise<Response> {
  const response = await app.inject(request);
  if (response.statusCode !== status) {
    throw new Error(
      `seeding ${String(request.method)} ${String(request.url)} answered ${response.statusCode}, not ${status}: ${response.body}`,
    );
  }
  return response;
}

/** Seeds through `apps.candidates` and `apps.scheduling`, once the spec's apps have started. */
export function hiringSeeds(
  apps: Readonly<{ candidates: ServiceApp; scheduling: ServiceApp }>,
): HiringSeeds {
  const recruiter = (url: string, payload: Json, status: number) =>
    sent(apps.candidates, { method: 'POST', url, payload, as: 'recruiter' }, status);
  const coordinator = (
    url: string,
    payload: Json,
    status: number,
    method: 'POST' | 'PUT' = 'POST',
  ) => sent(apps.scheduling, { method, url, payload, as: 'coordinator' }, status);
  const seeds: HiringSeeds = {
    async appliedCandidate() {
      const registered = await recruiter(
        '/candidates',
        {
          fullName: 'Grace Hopper',
          email: 'grace@example.org',
          jobId: SEEDED_JOB_ID,
          source: 'referral',
        },
        201,
      );
      return registered.json<{ id: string }>().id;
    },
    async interviewingCandidate() {
      const candidateId = await seeds.appliedCandidate();
      await recruiter(`/candidates/${candidateId}/screening`, { passed: true }, 200);
      await recruiter(`/candidates/${candidateId}/stage`, { to: 'interviewing' }, 200);
      return candidateId;
    },
    async interview(candidateId, panel, startsAt) {
      const scheduled = await coordinator(
        `/candidates/${candidateId}/interviews`,
        {
          kind: SEEDED_INTERVIEW_KIND,
          round: 1,
          format: 'video',
          videoLink: 'https://meet.example.org/abc',
          startsAt,
          endsAt: hoursAfter(startsAt, 1),
          candidateTimeZone: 'Europe/London',
          panel: panel.map((interviewerId, i) => ({
            interviewerId,
            role: i === 0 ? 'lead' : 'question-asker',
          })),
        },
        201,
      );
      return scheduled.json<{ interviewId: string }>().interviewId;
    },
    async interviewDay(candidateId, leads, startsAt) {
      const scheduled = await coordinator(
        `/candidates/${candidateId}/interview-days`,
        {
          candidateTimeZone: 'Europe/London',
          breaks: [],
          sessions: leads.map((interviewerId, i) => ({
            title: `Session ${i + 1}`,
            kind: SEEDED_INTERVIEW_KIND,
            round: 2,
            format: 'in-person',
            location: 'HQ, room 4',
            panel: [{ interviewerId, role: 'lead' }],
            startsAt: hoursAfter(startsAt, i),
            endsAt: hoursAfter(startsAt, i + 1),
          })),
        },
        201,
      );
      return scheduled.json<{ dayId: string }>().dayId;
    },
    async alwaysAvailable(interviewerId) {
      await coordinator(
        `/interviewers/${encodeURIComponent(interviewerId)}/availability`,
        ALWAYS_AVAILABLE,
        200,
        'PUT',
      );
    },
    async erasureRequest(candidateId) {
      const asked = await recruiter(
        `/candidates/${candidateId}/erasure-requests`,
        { reason: 'person-asked' },
        201,
      );
      const { requests } = asked.json<{ requests: { requestId: string; status: string }[] }>();
      const pending = requests.find((request) => request.status === 'pending');
      if (pending === undefined) throw new Error(`no pending erasure request: ${asked.body}`);
      return pending.requestId;
    },
  };
  return seeds;
}

const RATING_DESCRIPTORS = {
  '1': 'Far below the bar',
  '2': 'Below the bar',
  '3': 'At the bar',
  '4': 'Well above the bar',
};

/** The content of every rubric `interviewGuideSeeds` publishes: two criteria. */
export const SEEDED_RUBRIC = {
  name: 'Backend engineer',
  criteria: [
    {
      criterionId: 'system-design',
      name: 'System design',
      description: 'Designs that meet the need and say what they give up',
      weight: 2,
      descriptors: RATING_DESCRIPTORS,
    },
    {
      criterionId: 'communication',
      name: 'Communication',
      description: 'Explains clearly and listens',
      weight: 1,
      descriptors: RATING_DESCRIPTORS,
    },
  ],
};

/** The content of every kit `interviewGuideSeeds` publishes: one question per seeded criterion. */
export function seededInterviewKit(rubricId: string) {
  return {
    title: 'Backend engineer interview',
    rubricId,
    questions: SEEDED_RUBRIC.criteria.map(({ criterionId, name }, i) => ({
      questionId: `q-${i + 1}`,
      type: 'technical',
      text: `Tell me about your ${name.toLowerCase()}.`,
      guidance: 'Ask for a concrete example.',
      criterionIds: [criterionId],
    })),
  };
}

/** Rubrics and interview kits made through the assessment API, as a hiring manager would. */
export type InterviewGuideSeeds = Readonly<{
  /** A new rubric of `SEEDED_RUBRIC`'s content, at version 1; its id. */
  rubric(): Promise<string>;
  /** Publishes `seededInterviewKit(rubricId)` as the job's kit for the kind (nothing new when it already is). */
  interviewKit(jobId: string, kind: string, rubricId: string): Promise<void>;
}>;

/** Seeds through `apps.assessment`, once the spec's apps have started. */
export function interviewGuideSeeds(
  apps: Readonly<{ assessment: ServiceApp }>,
): InterviewGuideSeeds {
  const hiringManager = (method: 'POST' | 'PUT', url: string, payload: Json, status: number) =>
    sent(apps.assessment, { method, url, payload, as: 'hiring-manager' }, status);
  return {
    async rubric() {
      const published = await hiringManager('POST', '/rubrics', SEEDED_RUBRIC, 201);
      return published.json<{ rubricId: string }>().rubricId;
    },
    async interviewKit(jobId, kind, rubricId) {
      await hiringManager(
        'PUT',
        `/jobs/${encodeURIComponent(jobId)}/interview-kits/${kind}`,
        seededInterviewKit(rubricId),
        200,
      );
    },
  };
}

/** Take-home assignments made through the assessment API, as a recruiter would. */
export type AssignmentSeeds = Readonly<{
  /** A take-home scored against `rubricId` by `reviewerIds`, due at `dueAt`; its id. */
  assignment(
    candidateId: string,
    rubricId: string,
    reviewerIds: readonly string[],
    dueAt: string,
  ): Promise<string>;
}>;

/** Seeds through `apps.assessment`, once the spec's apps have started. */
export function assignmentSeeds(apps: Readonly<{ assessment: ServiceApp }>): AssignmentSeeds {
  return {
    async assignment(candidateId, rubricId, reviewerIds, dueAt) {
      const assigned = await sent(
        apps.assessment,
        {
          method: 'POST',
          url: `/candidates/${candidateId}/assignments`,
          payload: {
            kind: 'take-home',
            title: 'Rate limiter exercise',
            instructions: 'Build a token bucket rate limiter, with tests.',
            dueAt,
            reviewerIds,
            rubricId,
          },
          as: 'recruiter',
        },
        201,
      );
      return assigned.json<{ assignmentId: string }>().assignmentId;
    },
  };
}

/** Offers made through the offers API, as a recruiter would. */
export type OfferSeeds = Readonly<{
  /** A drafted offer (version 1, awaiting its first approver) on the candidacy; its id. */
  offer(candidateId: string): Promise<string>;
}>;

/** Expires long after any world's day, so a draft is never refused as expired. */
export const SEEDED_OFFER_EXPIRES_AT = '2035-01-01T00:00:00Z';

/** Seeds through `apps.offers`, once the spec's apps have started. */
export function offerSeeds(apps: Readonly<{ offers: ServiceApp }>): OfferSeeds {
  return {
    async offer(candidateId) {
      const drafted = await sent(
        apps.offers,
        {
          method: 'POST',
          url: `/candidates/${candidateId}/offers`,
          payload: draftedTerms({ expiresAt: SEEDED_OFFER_EXPIRES_AT }),
          as: 'recruiter',
        },
        201,
      );
      return drafted.json<{ offerId: string }>().offerId;
    },
  };
}

/** Background checks started through the services' APIs, as a recruiter would. */
export type CheckSeeds = Readonly<{
  /** Moves the candidacy from `interviewing` to `background-check`, where a check may start. */
  inBackgroundCheck(candidateId: string): Promise<void>;
  /** A check of the candidacy, moved to `background-check` first (from `interviewing`); its id. */
  check(candidateId: string): Promise<string>;
}>;

/** The id of the first item of a seeded check (the standard package's criminal record). */
export const SEEDED_CHECK_ITEM_ID = 'criminal-record-1';

/** Seeds through `apps.candidates` and `apps['background-checks']`, once the spec's apps have started. */
export function checkSeeds(
  apps: Readonly<{ candidates: ServiceApp; 'background-checks': ServiceApp }>,
): CheckSeeds {
  const seeds: CheckSeeds = {
    async inBackgroundCheck(candidateId) {
      await sent(
        apps.candidates,
        {
          method: 'POST',
          url: `/candidates/${candidateId}/stage`,
          payload: { to: 'background-check' },
          as: 'recruiter',
        },
        200,
      );
    },
    async check(candidateId) {
      await seeds.inBackgroundCheck(candidateId);
      const initiated = await sent(
        apps['background-checks'],
        { method: 'POST', url: `/candidates/${candidateId}/background-checks`, as: 'recruiter' },
        201,
      );
      return initiated.json<{ checkId: string }>().checkId;
    },
  };
  return seeds;
}
