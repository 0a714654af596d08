import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { EventStore } from '@hirestream/event-sourcing';
import {
  candidateStreamFacts,
  type GivenFeedback,
} from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';

/**
 * The other services' facts and the feedback facts assessment reads, appended
 * to the candidate's stream as their owners write them, so assignments and
 * panel decisions can be tested without the candidates and scheduling
 * services and the feedback routes.
 */
export function candidateFacts(storeOf: () => EventStore) {
  const append = async (candidateId: string, events: readonly Event[]) => {
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
      await append(candidateId, candidateStreamFacts(candidateId).interviewing());
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
      await append(
        candidateId,
        candidateStreamFacts(candidateId).completedInterview({
          interviewId,
          panel,
          round,
          feedback: given,
        }),
      );
      return interviewId;
    },
    /** The panelist's amendment of their feedback on the interview. */
    async amended(candidateId: string, interviewId: string, amendment: GivenFeedback) {
      const { interviewerId, ...change } = amendment;
      await append(candidateId, [
        candidateStreamFacts(candidateId).amended(interviewId, interviewerId, change),
      ]);
    },
    /** The types of the candidate stream's events, oldest first. */
    async streamTypes(candidateId: string): Promise<string[]> {
      const { events } = await storeOf().readStream(candidateStreamName(candidateId));
      return events.map((recorded) => recorded.event.type);
    },
  };
}
