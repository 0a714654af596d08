import type { Response } from 'light-my-request';
import type { ServiceApp, ServiceRequest } from './service-app';

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
}>;

const HOUR_MS = 3_600_000;

/** Working hours for an interviewer who is always available: every day, 00:00–23:59 UTC, 20 a day. */
export const ALWAYS_AVAILABLE = {
  timeZone: 'UTC',
  workingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '23:59' })),
  dailyInterviewLimit: 20,
};

/** `instant` plus `hours`, in the API's form (seconds, no fraction). */
export function hoursAfter(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR_MS).toISOString().replace('.000Z', 'Z');
}

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
          jobId: 'job-1',
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
          kind: 'technical',
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
            kind: 'technical',
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
  };
  return seeds;
}
