import { candidateStreamName, type InterviewKind } from '@hirestream/contracts';
import type { Role } from '@hirestream/platform';
import { eventually, hiringSeeds, type ServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { Response } from 'light-my-request';
import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;
export type Problem = { status: number; rule?: string; detail?: string };
/** Who calls: a role, as `<role>-1` unless `subject` is given; a candidate owns `candidateId`. */
export type Caller = Readonly<{ role: Role; subject?: string; candidateId?: string }>;
type Apps = Readonly<{ candidates: ServiceApp; scheduling: ServiceApp; assessment: ServiceApp }>;

/** An interviewer id no other test uses. */
export const person = (name: string): string => `${name}-${randomUUID().slice(0, 8)}`;

const descriptors = { '1': 'Far below', '2': 'Below', '3': 'At the bar', '4': 'Above' };

/** The criteria of the rubric `publishKit` publishes. */
export const CRITERIA = ['system-design', 'testing'] as const;

/** A complete scorecard for the published rubric. */
export const scorecard = (recommendation = 'yes', change: Json = {}): Json => ({
  ratings: [
    { criterionId: 'system-design', rating: 3 },
    { criterionId: 'testing', rating: null },
  ],
  strengths: 'Weighed the trade-offs aloud',
  concerns: 'Did not test the edge cases',
  notes: null,
  recommendation,
  ...change,
});

/** Requests to the feedback API, the interview seeds, and the stream, for one spec file's apps. */
export function feedbackFixtures(apps: Apps) {
  const seeds = hiringSeeds(apps);
  const as = ({ role, subject, candidateId }: Caller) =>
    apps.assessment.bearer(role, subject ?? `${role}-1`, candidateId);

  const send = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    caller: Caller,
    payload?: Json,
  ): Promise<Response> =>
    apps.assessment.inject({
      method,
      url,
      payload,
      headers: { authorization: await as(caller) },
    });

  const fixtures = {
    seeds,
    send,
    /** Publishes a two-criterion rubric and the job's kit for the kind, through the API; the rubric id. */
    async publishKit(jobId = 'job-1', kind: InterviewKind = 'technical'): Promise<string> {
      const rubric = await send(
        'POST',
        '/rubrics',
        { role: 'recruiter' },
        {
          name: 'Backend engineer',
          criteria: CRITERIA.map((criterionId) => ({
            criterionId,
            name: criterionId,
            description: `How well the candidate shows ${criterionId}`,
            weight: 1,
            descriptors,
          })),
        },
      );
      expect(rubric.statusCode).toBe(201);
      const { rubricId } = rubric.json<{ rubricId: string }>();
      const kit = await send(
        'PUT',
        `/jobs/${jobId}/interview-kits/${kind}`,
        { role: 'recruiter' },
        {
          title: 'Backend: technical interview',
          rubricId,
          questions: [
            {
              questionId: 'rate-limiter',
              type: 'technical',
              text: 'Design a rate limiter for an API.',
              guidance: 'Listen for where the counters live.',
              criterionIds: [...CRITERIA],
            },
          ],
        },
      );
      expect(kit.statusCode).toBe(200);
      return rubricId;
    },
    /**
     * An interview of the candidate that began half an hour ago (appended as
     * scheduling would have, since its API books no past), not yet completed.
     */
    async startedInterview(
      candidateId: string,
      panel: readonly string[],
      round = 1,
    ): Promise<string> {
      const interviewId = randomUUID();
      const stream = candidateStreamName(candidateId);
      const { revision } = await apps.scheduling.store.readStream(stream);
      await apps.scheduling.store.append(
        stream,
        [
          candidateStreamFacts(candidateId).scheduled(interviewId, panel, round, {
            startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
            endsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
          }),
        ],
        revision,
        {
          actor: { id: 'coordinator-1', role: 'coordinator' },
          correlationId: randomUUID(),
          causationId: randomUUID(),
        },
      );
      return interviewId;
    },
    /** Completes the interview through scheduling's API. */
    async complete(candidateId: string, interviewId: string): Promise<void> {
      const response = await apps.scheduling.inject({
        method: 'POST',
        url: `/candidates/${candidateId}/interviews/${interviewId}/completion`,
        as: 'coordinator',
      });
      expect(response.statusCode).toBe(200);
    },
    /** Cancels the interview through scheduling's API. */
    async cancel(candidateId: string, interviewId: string, reason: string): Promise<void> {
      const response = await apps.scheduling.inject({
        method: 'POST',
        url: `/candidates/${candidateId}/interviews/${interviewId}/cancellation`,
        payload: { reason },
        as: 'coordinator',
      });
      expect(response.statusCode).toBe(200);
    },
    /** The panelist's own feedback once its request has arrived (the reaction has run). */
    async requestOf(candidateId: string, interviewId: string, interviewerId: string) {
      return eventually(`the feedback request of ${interviewerId}`, async () => {
        const response = await send(
          'GET',
          `/candidates/${candidateId}/interviews/${interviewId}/feedback/mine`,
          { role: 'interviewer', subject: interviewerId },
        );
        const own = response.json<Json>();
        return own.status === 'not-requested' ? undefined : own;
      });
    },
    /** A candidate in interviewing with a completed interview whose panel has been asked for feedback. */
    async completedInterview(panel: readonly string[], round = 1) {
      const candidateId = await seeds.interviewingCandidate();
      const interviewId = await fixtures.startedInterview(candidateId, panel, round);
      await fixtures.complete(candidateId, interviewId);
      for (const interviewerId of panel)
        await fixtures.requestOf(candidateId, interviewId, interviewerId);
      return { candidateId, interviewId };
    },
    /** The types of the events on the candidate's stream, in order. */
    async streamTypes(candidateId: string): Promise<string[]> {
      const { events } = await apps.assessment.store.readStream(candidateStreamName(candidateId));
      return events.map(({ event }) => event.type);
    },
  };
  return fixtures;
}
