import { candidateStreamName, serviceEventsTopic } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import {
  ConsumeOutcomes,
  eventually,
  useKafkaRedelivery,
  useServiceApps,
} from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import type { FeedbackStreamEvent } from '../src/domain/feedback.decider';
import { feedbackFixtures, person, scorecard, type Json, type Problem } from './feedback-fixtures';

/** What the assessment consumer did with each delivery. */
const consumed = new ConsumeOutcomes();
const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  assessment: {
    consumers: true,
    beforeConsumers: consumed.record,
    env: { FEEDBACK_DUE_HOURS: '48' },
  },
});
const schedulingTopic = useKafkaRedelivery(apps.scheduling, serviceEventsTopic('scheduling'));
const candidatesTopic = useKafkaRedelivery(apps.candidates, serviceEventsTopic('candidates'));
const fixtures = feedbackFixtures(apps);
const { send } = fixtures;

beforeAll(async () => {
  await fixtures.publishKit();
});

async function streamOf(candidateId: string): Promise<RecordedEvent<FeedbackStreamEvent>[]> {
  return (
    await apps.assessment.store.readStream<FeedbackStreamEvent>(candidateStreamName(candidateId))
  ).events;
}

const requestsIn = (events: readonly RecordedEvent<FeedbackStreamEvent>[]) =>
  events.filter(({ event }) => event.type === 'FeedbackRequested');

describe('feedback due, across services', () => {
  it('asks each panelist once when scheduling completes the interview, due FEEDBACK_DUE_HOURS after it, even when the completion is delivered again', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const candidateId = await fixtures.seeds.interviewingCandidate();
    const interviewId = await fixtures.startedInterview(candidateId, [grace, alan]);
    await fixtures.complete(candidateId, interviewId);
    const completion = (await streamOf(candidateId)).find(
      ({ event }) => event.type === 'InterviewCompleted',
    )!;
    await consumed.waitFor(completion.metadata.eventId);

    const requests = requestsIn(await streamOf(candidateId));
    const dueAt = new Date(
      Date.parse(completion.metadata.occurredAt) + 48 * 3_600_000,
    ).toISOString();
    expect(requests.map(({ event }) => event.data)).toEqual([
      expect.objectContaining({ interviewId, interviewerId: grace, round: 1, dueAt }),
      expect.objectContaining({ interviewId, interviewerId: alan, round: 1, dueAt }),
    ]);
    expect(requests.map(({ metadata }) => [metadata.actor, metadata.causationId])).toEqual([
      [{ id: 'assessment', role: 'system' }, completion.metadata.eventId],
      [{ id: 'assessment', role: 'system' }, completion.metadata.eventId],
    ]);

    await schedulingTopic.redeliver(
      await schedulingTopic.publishedMessage(completion.metadata.eventId),
    );
    await consumed.waitFor(completion.metadata.eventId, 'duplicate');
    expect(requestsIn(await streamOf(candidateId))).toHaveLength(2);
  });

  it('withdraws the open requests of an interview the stream shows cancelled, and keeps submitted feedback', async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const { candidateId, interviewId } = await fixtures.completedInterview([grace, alan]);
    const url = `/candidates/${candidateId}/interviews/${interviewId}/feedback`;
    await send('POST', url, { role: 'interviewer', subject: grace }, scorecard());

    // Scheduling's API cancels only open interviews; its stream is what the reaction trusts.
    const stream = candidateStreamName(candidateId);
    const { revision } = await apps.scheduling.store.readStream(stream);
    await apps.scheduling.store.append(
      stream,
      [
        {
          type: 'InterviewCancelled',
          data: { candidateId, interviewId, reason: 'Recorded in error' },
        },
      ],
      revision,
      {
        actor: { id: 'coordinator-1', role: 'coordinator' },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      },
    );
    const withdrawn = await eventually('the withdrawal', async () => {
      const found = (await streamOf(candidateId)).filter(
        ({ event }) => event.type === 'FeedbackRequestWithdrawn',
      );
      return found.length > 0 ? found : undefined;
    });
    expect(withdrawn.map(({ event }) => event.data)).toEqual([
      { candidateId, interviewId, interviewerId: alan, reason: 'Recorded in error' },
    ]);
    const alans = await send('GET', `${url}/mine`, { role: 'interviewer', subject: alan });
    expect(alans.json()).toMatchObject({ status: 'withdrawn' });
    const graces = await send('GET', `${url}/mine`, { role: 'interviewer', subject: grace });
    expect(graces.json()).toMatchObject({ status: 'submitted' });
    const requests = await eventually('the withdrawal in the list', async () => {
      const response = await send('GET', `/candidates/${candidateId}/feedback-requests`, {
        role: 'recruiter',
      });
      const { items } = response.json<{ items: Json[] }>();
      return items.some((item) => item.status === 'withdrawn') ? items : undefined;
    });
    expect(requests.map((item) => [item.interviewerId, item.status]).sort()).toEqual(
      [
        [alan, 'withdrawn'],
        [grace, 'submitted'],
      ].sort(),
    );
  });

  it('asks nothing of the panel of an interview scheduling cancels before it took place', async () => {
    const grace = person('grace');
    const candidateId = await fixtures.seeds.interviewingCandidate();
    const interviewId = await fixtures.startedInterview(candidateId, [grace]);
    await fixtures.cancel(candidateId, interviewId, 'the candidate is ill');
    const cancellation = (await streamOf(candidateId)).find(
      ({ event }) => event.type === 'InterviewCancelled',
    )!;
    await consumed.waitFor(cancellation.metadata.eventId);
    const types = (await streamOf(candidateId)).map(({ event }) => event.type);
    expect(types.filter((type) => type.startsWith('Feedback'))).toEqual([]);
  });
});

describe('a closed candidacy, across services', () => {
  it("withdraws a rejected candidate's open requests once, keeps submitted feedback, and a redelivered rejection changes nothing", async () => {
    const [grace, alan] = [person('grace'), person('alan')];
    const { candidateId, interviewId } = await fixtures.completedInterview([grace, alan]);
    const url = `/candidates/${candidateId}/interviews/${interviewId}/feedback`;
    await send('POST', url, { role: 'interviewer', subject: grace }, scorecard());

    const rejection = await apps.candidates.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/rejection`,
      payload: { category: 'rejected-by-us', reason: 'The role was filled' },
      as: 'recruiter',
    });
    expect(rejection.statusCode).toBe(200);
    const rejected = (await streamOf(candidateId)).find(
      ({ event }) => event.type === 'CandidateRejected',
    )!;
    await consumed.waitFor(rejected.metadata.eventId);

    const withdrawalsIn = async () =>
      (await streamOf(candidateId)).filter(
        ({ event }) => event.type === 'FeedbackRequestWithdrawn',
      );
    const withdrawn = await withdrawalsIn();
    expect(withdrawn.map(({ event, metadata }) => [event.data, metadata.causationId])).toEqual([
      [
        { candidateId, interviewId, interviewerId: alan, reason: 'the candidate was rejected' },
        rejected.metadata.eventId,
      ],
    ]);
    const alans = await send('GET', `${url}/mine`, { role: 'interviewer', subject: alan });
    expect(alans.json()).toMatchObject({ status: 'withdrawn' });
    const graces = await send('GET', `${url}/mine`, { role: 'interviewer', subject: grace });
    expect(graces.json()).toMatchObject({ status: 'submitted' });

    await candidatesTopic.redeliver(
      await candidatesTopic.publishedMessage(rejected.metadata.eventId),
    );
    await consumed.waitFor(rejected.metadata.eventId, 'duplicate');
    expect(await withdrawalsIn()).toHaveLength(1);
  });
});

describe('blind feedback, provably', () => {
  it('keeps four panelists blind until each has submitted, and the report shows every reveal came after the reader’s own submission', async () => {
    const panel = ['ada', 'grace', 'alan', 'barbara'].map(person);
    const { candidateId, interviewId } = await fixtures.completedInterview(panel);
    const url = `/candidates/${candidateId}/interviews/${interviewId}/feedback`;
    const as = (subject: string) => ({ role: 'interviewer' as const, subject });
    const recommendations = ['strong-yes', 'yes', 'no', 'yes'];

    for (const [turn, panelist] of panel.entries()) {
      for (const waiting of panel.slice(turn)) {
        for (const read of [url, `/candidates/${candidateId}/feedback`]) {
          const refused = await send('GET', read, as(waiting));
          expect([waiting, refused.statusCode, refused.json<Problem>().rule]).toEqual([
            waiting,
            409,
            'own-feedback-first',
          ]);
        }
      }
      const submitted = await send('POST', url, as(panelist), scorecard(recommendations[turn]));
      expect(submitted.statusCode).toBe(200);
      const read = await send('GET', url, as(panelist));
      expect(read.statusCode).toBe(200);
      const shown = read.json<{ feedback: { interviewerId: string }[] }>().feedback;
      expect(shown.map((feedback) => feedback.interviewerId).sort()).toEqual(
        panel.slice(0, turn + 1).sort(),
      );
    }

    const report = await send('GET', `/candidates/${candidateId}/blind-feedback-report`, {
      role: 'auditor',
    });
    expect(report.statusCode).toBe(200);
    const {
      reveals,
      recommendations: given,
      ...verdict
    } = report.json<{
      reveals: { readerId: string; interviewerId: string; readerSubmittedFirst: boolean | null }[];
      recommendations: { interviewerId: string; kind: string; seenBefore: unknown[] }[];
      everyPanelistRevealAfterOwnSubmission: boolean;
      everySubmissionBlind: boolean;
    }>();
    // Each panelist, after submitting, saw everyone who had submitted before them: 0 + 1 + 2 + 3.
    expect(reveals.map((r) => [r.readerId, r.interviewerId])).toEqual(
      panel.flatMap((reader, turn) => panel.slice(0, turn).map((author) => [reader, author])),
    );
    expect(reveals.every((r) => r.readerSubmittedFirst === true)).toBe(true);
    expect(given.map((r) => [r.interviewerId, r.kind, r.seenBefore])).toEqual(
      panel.map((author) => [author, 'submitted', []]),
    );
    expect(verdict).toEqual({
      candidateId,
      everyPanelistRevealAfterOwnSubmission: true,
      everySubmissionBlind: true,
    });
  });
});
