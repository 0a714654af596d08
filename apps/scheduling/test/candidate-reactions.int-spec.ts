import {
  candidateStreamName,
  interviewerCalendarStreamName,
  serviceEventsTopic,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';
import { foldEvents, type RecordedEvent } from '@hirestream/event-sourcing';
import {
  ConsumeOutcomes,
  eventually,
  hiringSeeds,
  useKafkaRedelivery,
  useServiceApps,
  type ServiceApp,
} from '@hirestream/testing';
import type { CandidateStreamEvent } from '../src/domain/interview.decider';
import { interviewerCalendarDecider } from '../src/domain/interviewer-calendar.decider';
import { interviewer } from './support/scheduling-fixtures';

type Json = Record<string, unknown>;
type Interview = { interviewId: string; status: string; cancellationReason: string | null };

/** What the scheduling consumer did with each delivery. */
const consumed = new ConsumeOutcomes();
const { candidates, scheduling } = useServiceApps({
  candidates: {},
  scheduling: { consumers: true, beforeConsumers: consumed.record },
});
const candidatesTopic = useKafkaRedelivery(scheduling, serviceEventsTopic('candidates'));
const seeds = hiringSeeds({ candidates, scheduling });

async function post(app: ServiceApp, url: string, body: Json) {
  const response = await app.inject({ method: 'POST', url, payload: body, as: 'recruiter' });
  expect(response.statusCode).toBeLessThan(300);
  return response.json<Json>();
}

/** A candidate with two open interviews (sharing one interviewer) and one cancelled before. */
async function candidateWithInterviews() {
  const candidateId = await seeds.interviewingCandidate();
  const [lead, notes, other] = [interviewer('lead'), interviewer('notes'), interviewer('other')];
  const first = await seeds.interview(candidateId, [lead, notes], '2030-03-04T09:00:00Z');
  const second = await seeds.interview(candidateId, [lead], '2030-03-05T09:00:00Z');
  const earlier = await seeds.interview(candidateId, [other], '2030-03-06T09:00:00Z');
  await post(scheduling, `/candidates/${candidateId}/interviews/${earlier}/cancellation`, {
    reason: 'panel changed',
  });
  return { candidateId, lead, notes, other, first, second, earlier };
}

async function interviewsOf(candidateId: string): Promise<Map<string, Interview>> {
  const response = await scheduling.inject({
    method: 'GET',
    url: `/candidates/${candidateId}/interviews`,
    as: 'recruiter',
  });
  const { interviews } = response.json<{ interviews: Interview[] }>();
  return new Map(interviews.map((i) => [i.interviewId, i]));
}

async function candidateStream(
  candidateId: string,
): Promise<readonly RecordedEvent<CandidateStreamEvent>[]> {
  return (await scheduling.store.readStream<CandidateStreamEvent>(candidateStreamName(candidateId)))
    .events;
}

/** The interview ids an interviewer's calendar stream holds, and the stream's length. */
async function calendarOf(interviewerId: string) {
  const { events } = await scheduling.store.readStream<InterviewerCalendarEvent>(
    interviewerCalendarStreamName(interviewerId),
  );
  const calendar = foldEvents(
    interviewerCalendarDecider,
    events.map((recorded) => recorded.event),
  );
  return { held: [...calendar.slots.keys()].sort(), length: events.length };
}

/** The stream's event that closed the candidacy, once the relay has published it and scheduling handled it. */
async function handledClosing(
  candidateId: string,
  type: string,
): Promise<RecordedEvent<CandidateStreamEvent>> {
  const closing = (await candidateStream(candidateId)).find((e) => e.event.type === type);
  if (closing === undefined) throw new Error(`no ${type} for ${candidateId}`);
  await consumed.waitFor(closing.metadata.eventId);
  return closing;
}

it('cancels every open interview of a rejected candidate once, frees the calendars, and ignores a redelivery', async () => {
  const { candidateId, lead, notes, other, first, second, earlier } =
    await candidateWithInterviews();
  expect((await calendarOf(lead)).held).toEqual([first, second].sort());

  const reason = 'another candidate was a closer fit';
  await post(candidates, `/candidates/${candidateId}/rejection`, {
    category: 'rejected-by-us',
    reason,
  });
  const rejected = await handledClosing(candidateId, 'CandidateRejected');

  const interviews = await interviewsOf(candidateId);
  expect(interviews.get(first)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  expect(interviews.get(second)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  expect(interviews.get(earlier)).toMatchObject({ cancellationReason: 'panel changed' });
  const stream = await candidateStream(candidateId);
  const cancellations = stream.flatMap((e) =>
    e.event.type === 'InterviewCancelled' ? [e.event.data.interviewId] : [],
  );
  expect([...cancellations].sort()).toEqual([first, second, earlier].sort());
  const byReaction = stream.filter(
    (e) => e.event.type === 'InterviewCancelled' && e.event.data.interviewId !== earlier,
  );
  expect(byReaction).toHaveLength(2);
  for (const cancelled of byReaction) {
    expect(cancelled.metadata).toMatchObject({
      actor: { id: 'scheduling', role: 'system' },
      correlationId: rejected.metadata.correlationId,
      causationId: rejected.metadata.eventId,
    });
  }
  const calendars = {
    lead: await calendarOf(lead),
    notes: await calendarOf(notes),
    other: await calendarOf(other),
  };
  expect(calendars.lead.held).toEqual([]);
  expect(calendars.notes.held).toEqual([]);
  expect(calendars.other.held).toEqual([]);

  // The same message again, as Kafka may deliver it after a rebalance.
  await candidatesTopic.redeliver(
    await candidatesTopic.publishedMessage(rejected.metadata.eventId),
  );
  await eventually('the redelivery', async () =>
    consumed.of(rejected.metadata.eventId).length === 2 ? true : undefined,
  );
  expect(consumed.of(rejected.metadata.eventId)).toEqual(['handled', 'duplicate']);
  expect(await candidateStream(candidateId)).toHaveLength(stream.length);
  expect(await calendarOf(lead)).toEqual(calendars.lead);
  expect(await calendarOf(notes)).toEqual(calendars.notes);
  expect(await calendarOf(other)).toEqual(calendars.other);
});

it('cancels the interviews of a withdrawal whose reason is as long as allowed, written with variation selectors (once dead-lettered)', async () => {
  const { candidateId, lead, first, second } = await candidateWithInterviews();
  // 2,000 code points, the most a withdrawal reason and a cancellation reason may hold.
  const reason = 'a\uFE0F'.repeat(1_000);
  await post(candidates, `/candidates/${candidateId}/withdrawal`, { reason });
  await handledClosing(candidateId, 'CandidateWithdrew');

  const interviews = await interviewsOf(candidateId);
  expect(interviews.get(first)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  expect(interviews.get(second)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  expect((await calendarOf(lead)).held).toEqual([]);
});

it('cancels the open interviews of a candidate who withdrew, with their reason', async () => {
  const { candidateId, lead, notes, first, second } = await candidateWithInterviews();
  const reason = 'accepted another offer';
  await post(candidates, `/candidates/${candidateId}/withdrawal`, { reason });
  await handledClosing(candidateId, 'CandidateWithdrew');

  const interviews = await interviewsOf(candidateId);
  expect(interviews.get(first)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  expect(interviews.get(second)).toMatchObject({ status: 'cancelled', cancellationReason: reason });
  const cancellations = (await candidateStream(candidateId)).filter(
    (e) => e.event.type === 'InterviewCancelled',
  );
  expect(cancellations).toHaveLength(3);
  expect((await calendarOf(lead)).held).toEqual([]);
  expect((await calendarOf(notes)).held).toEqual([]);
});
