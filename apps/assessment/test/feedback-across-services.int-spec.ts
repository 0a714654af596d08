import { candidateStreamName, serviceEventsTopic } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { IdempotentEventConsumer, type ConsumeOutcome } from '@hirestream/messaging';
import { useServiceApps } from '@hirestream/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { FeedbackStreamEvent } from '../src/domain/feedback.decider';
import {
  eventually,
  feedbackFixtures,
  person,
  scorecard,
  type Json,
  type Problem,
} from './feedback-fixtures';

/** What the assessment consumer did with each delivery, by event id. */
const outcomes: { eventId: string; outcome: ConsumeOutcome }[] = [];

function recordOutcomes(app: NestFastifyApplication): void {
  const consumer = app.get(IdempotentEventConsumer);
  const consume = consumer.consume.bind(consumer);
  jest.spyOn(consumer, 'consume').mockImplementation(async (message, ...rest) => {
    const outcome = await consume(message, ...rest);
    outcomes.push({ eventId: String(message.headers.ce_id), outcome });
    return outcome;
  });
}

const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  assessment: {
    consumers: true,
    beforeConsumers: recordOutcomes,
    env: { FEEDBACK_DUE_HOURS: '48' },
  },
});
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

async function handled(eventId: string, outcome: ConsumeOutcome = 'handled'): Promise<void> {
  await eventually(`event ${eventId} ${outcome}`, async () =>
    outcomes.some((o) => o.eventId === eventId && o.outcome === outcome) ? true : undefined,
  );
}

/** The scheduling relay's message for the event, read off scheduling's topic. */
async function publishedMessage(eventId: string): Promise<KafkaMessage> {
  const kafka = new Kafka({
    brokers: [apps.scheduling.servers.kafka.bootstrapAddress],
    logLevel: logLevel.NOTHING,
  });
  const reader = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const seen: KafkaMessage[] = [];
  await reader.connect();
  try {
    await reader.subscribe({ topic: serviceEventsTopic('scheduling'), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(message) });
    return await eventually('the published message', async () =>
      seen.find((m) => String(m.headers?.ce_id) === eventId),
    );
  } finally {
    await reader.disconnect();
  }
}

async function redeliver(message: KafkaMessage): Promise<void> {
  const kafka = new Kafka({
    brokers: [apps.scheduling.servers.kafka.bootstrapAddress],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic: serviceEventsTopic('scheduling'),
      messages: [{ key: message.key, value: message.value, headers: message.headers }],
    });
  } finally {
    await producer.disconnect();
  }
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
    await handled(completion.metadata.eventId);

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

    await redeliver(await publishedMessage(completion.metadata.eventId));
    await handled(completion.metadata.eventId, 'duplicate');
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
    await handled(cancellation.metadata.eventId);
    const types = (await streamOf(candidateId)).map(({ event }) => event.type);
    expect(types.filter((type) => type.startsWith('Feedback'))).toEqual([]);
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
