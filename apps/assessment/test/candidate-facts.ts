import {
  candidateStreamName,
  type CandidateAssessmentEvent,
  type CandidateEvent,
  type CriterionRating,
  type InterviewEvent,
  type Recommendation,
} from '@hirestream/contracts';
import type { EventStore } from '@hirestream/event-sourcing';
import { randomUUID } from 'node:crypto';

type StreamEvent = CandidateEvent | InterviewEvent | CandidateAssessmentEvent;

/** One panelist's submitted feedback on the round's interview. */
export type GivenFeedback = Readonly<{
  interviewerId: string;
  recommendation: Recommendation;
  ratings?: readonly CriterionRating[];
}>;

/**
 * The other services' facts and the feedback facts assessment reads, appended
 * to the candidate's stream as their owners write them, so assignments and
 * panel decisions can be tested without the candidates and scheduling
 * services and the feedback routes.
 */
export function candidateFacts(storeOf: () => EventStore) {
  const append = async (candidateId: string, events: readonly StreamEvent[]) => {
    const stream = candidateStreamName(candidateId);
    const { revision } = await storeOf().readStream(stream);
    await storeOf().append(stream, events, revision, {
      actor: { id: 'seed', role: 'system' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    });
  };
  return {
    /** A registered candidate in interviewing. */
    async interviewingCandidate(): Promise<string> {
      const candidateId = randomUUID();
      await append(candidateId, [
        {
          type: 'CandidateRegistered',
          data: {
            candidateId,
            personId: randomUUID(),
            fullName: 'Ada Lovelace',
            email: 'ada@example.org',
            phone: null,
            jobId: 'job-1',
            source: 'referral',
            resumeRef: null,
          },
        },
        {
          type: 'CandidateStageChanged',
          data: { candidateId, from: 'applied', to: 'interviewing' },
        },
      ]);
      return candidateId;
    },
    /**
     * A completed interview of the round (the first panelist leads), each
     * panelist asked for feedback, and the feedback given; its id.
     */
    async completedInterview(
      candidateId: string,
      panel: readonly string[],
      given: readonly GivenFeedback[],
      round = 1,
    ): Promise<string> {
      const interviewId = randomUUID();
      await append(candidateId, [
        {
          type: 'InterviewScheduled',
          data: {
            candidateId,
            interviewId,
            kind: 'technical',
            round,
            format: 'video',
            location: null,
            videoLink: 'https://meet.example.org/abc',
            panel: panel.map((interviewerId, i) => ({
              interviewerId,
              role: i === 0 ? 'lead' : 'question-asker',
            })),
            startsAt: '2030-03-04T09:00:00Z',
            endsAt: '2030-03-04T10:00:00Z',
            candidateTimeZone: 'Europe/London',
          },
        },
        { type: 'InterviewCompleted', data: { candidateId, interviewId } },
        ...panel.map((interviewerId): StreamEvent => ({
          type: 'FeedbackRequested',
          data: {
            candidateId,
            interviewId,
            interviewerId,
            interviewKind: 'technical',
            round,
            dueAt: '2030-03-05T10:00:00Z',
            rubric: null,
          },
        })),
        ...given.map(({ interviewerId, recommendation, ratings = [] }): StreamEvent => ({
          type: 'FeedbackSubmitted',
          data: {
            candidateId,
            interviewId,
            interviewerId,
            rubricId: null,
            rubricVersion: null,
            ratings,
            strengths: 'Clear reasoning',
            concerns: 'Little testing',
            notes: null,
            recommendation,
          },
        })),
      ]);
      return interviewId;
    },
    /** The panelist's amendment of their feedback on the interview. */
    async amended(candidateId: string, interviewId: string, amendment: GivenFeedback) {
      await append(candidateId, [
        {
          type: 'FeedbackAmended',
          data: {
            candidateId,
            interviewId,
            interviewerId: amendment.interviewerId,
            ratings: amendment.ratings ?? [],
            strengths: 'Clear reasoning',
            concerns: 'Little testing',
            notes: null,
            recommendation: amendment.recommendation,
            reason: 'I misread my notes',
          },
        },
      ]);
    },
    /** The types of the candidate stream's events, oldest first. */
    async streamTypes(candidateId: string): Promise<string[]> {
      const { events } = await storeOf().readStream(candidateStreamName(candidateId));
      return events.map((recorded) => recorded.event.type);
    },
  };
}
