import {
  candidateStreamName,
  serviceEventsTopic,
  type CandidateAssessmentEvent,
  type CandidateEvent,
  type InterviewEvent,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import {
  ConsumeOutcomes,
  useKafkaRedelivery,
  useServiceApps,
  type ServiceApp,
} from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;
type StreamEvent = CandidateEvent | InterviewEvent | CandidateAssessmentEvent;

/** What the candidates consumer did with each delivery. */
const consumed = new ConsumeOutcomes();
const { candidates, assessment } = useServiceApps({
  candidates: { consumers: true, beforeConsumers: consumed.record },
  assessment: {},
});
const assessmentTopic = useKafkaRedelivery(candidates, serviceEventsTopic('assessment'));

async function post(app: ServiceApp, url: string, body: Json, as: 'recruiter' | 'hiring-manager') {
  const response = await app.inject({ method: 'POST', url, payload: body, as });
  expect(response.statusCode).toBeLessThan(300);
  return response.json<Json>();
}

/**
 * A candidate in `interviewing` (through the candidates API) whose round 1
 * interview is completed and both panelists' feedback submitted (scheduling's
 * and the feedback facts, appended to the stream as those services write them).
 */
async function debriefedCandidate(): Promise<string> {
  const { id } = await post(
    candidates,
    '/candidates',
    { fullName: 'Grace Hopper', email: 'grace@example.org', jobId: 'job-1', source: 'referral' },
    'recruiter',
  );
  const candidateId = String(id);
  await post(candidates, `/candidates/${candidateId}/screening`, { passed: true }, 'recruiter');
  await post(candidates, `/candidates/${candidateId}/stage`, { to: 'interviewing' }, 'recruiter');
  const panel = ['lead-1', 'asker-1'];
  const facts = candidateStreamFacts(candidateId).completedInterview({
    interviewId: randomUUID(),
    panel,
    feedback: panel.map((interviewerId) => ({ interviewerId, recommendation: 'strong-yes' })),
  });
  const { revision } = await assessment.store.readStream(candidateStreamName(candidateId));
  await assessment.store.append(candidateStreamName(candidateId), facts, revision, {
    actor: { id: 'seed', role: 'system' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  return candidateId;
}

async function candidateStream(
  candidateId: string,
): Promise<readonly RecordedEvent<StreamEvent>[]> {
  return (await candidates.store.readStream<StreamEvent>(candidateStreamName(candidateId))).events;
}

/** The stream's panel decision, once the relay has published it and the candidates service handled it. */
async function handledDecision(candidateId: string): Promise<RecordedEvent<StreamEvent>> {
  const decision = (await candidateStream(candidateId)).find(
    (e) => e.event.type === 'PanelDecisionRecorded',
  );
  if (decision === undefined) throw new Error(`no panel decision for ${candidateId}`);
  await consumed.waitFor(decision.metadata.eventId);
  return decision;
}

async function candidateView(candidateId: string): Promise<Json> {
  const response = await candidates.inject({
    method: 'GET',
    url: `/candidates/${candidateId}`,
    as: 'recruiter',
  });
  return response.json<Json>();
}

const decide = (candidateId: string, body: Json) =>
  post(assessment, `/candidates/${candidateId}/panel-decisions`, body, 'hiring-manager');

it('moves a candidate advanced to an offer, as the candidates service, caused by the decision; a redelivery changes nothing', async () => {
  const candidateId = await debriefedCandidate();
  await decide(candidateId, {
    round: 1,
    decision: 'advance',
    advanceTo: 'offer',
    rationale: 'Both panelists strongly in favour',
  });
  const decision = await handledDecision(candidateId);

  expect(await candidateView(candidateId)).toMatchObject({ stage: 'offer' });
  const stream = await candidateStream(candidateId);
  const moves = stream.filter((e) => e.event.type === 'CandidateStageChanged');
  expect(moves.at(-1)?.event.data).toEqual({ candidateId, from: 'interviewing', to: 'offer' });
  expect(moves.at(-1)?.metadata).toMatchObject({
    actor: { id: 'candidates', role: 'system' },
    correlationId: decision.metadata.correlationId,
    causationId: decision.metadata.eventId,
  });

  // The same message again, as Kafka may deliver it after a rebalance: a duplicate. Once more
  // under another id: its sealed rationale is bound to the event it was written in, so it does
  // not open and the message goes to the dead letters. Either way the move is not repeated.
  const message = await assessmentTopic.publishedMessage(decision.metadata.eventId);
  const otherId = randomUUID();
  await assessmentTopic.redeliver(message);
  await assessmentTopic.redeliver(message, { ce_id: otherId });
  await consumed.waitFor(otherId, 'dead-lettered');
  expect(consumed.of(decision.metadata.eventId)).toEqual(['handled', 'duplicate']);
  expect(await candidateStream(candidateId)).toHaveLength(stream.length);
});

it('rejects a rejected candidate by us, with the rationale as the reason and the feedback for them', async () => {
  const candidateId = await debriefedCandidate();
  const rationale = 'System design below the bar for a senior role';
  const feedbackForCandidate = 'Practise walking through trade-offs before choosing a design.';
  await decide(candidateId, { round: 1, decision: 'reject', rationale, feedbackForCandidate });
  await handledDecision(candidateId);

  expect(await candidateView(candidateId)).toMatchObject({
    stage: 'rejected',
    rejection: { category: 'rejected-by-us', reason: rationale, feedbackForCandidate },
  });
  const rejected = (await candidateStream(candidateId)).filter(
    (e) => e.event.type === 'CandidateRejected',
  );
  expect(rejected).toHaveLength(1);
  expect(rejected[0].metadata.actor).toEqual({ id: 'candidates', role: 'system' });
});

it('leaves the candidacy as it is for another round and for a hold', async () => {
  const candidateId = await debriefedCandidate();
  await decide(candidateId, {
    round: 1,
    decision: 'hold',
    rationale: 'Waiting for the other finalist',
  });
  await decide(candidateId, {
    round: 1,
    decision: 'advance',
    advanceTo: 'next-round',
    rationale: 'One more conversation with the team',
  });
  const decisions = (await candidateStream(candidateId)).filter(
    (e) => e.event.type === 'PanelDecisionRecorded',
  );
  expect(decisions).toHaveLength(2);
  for (const decision of decisions) await consumed.waitFor(decision.metadata.eventId);
  expect(await candidateView(candidateId)).toMatchObject({ stage: 'interviewing' });
  const byCandidates = (await candidateStream(candidateId)).filter(
    (e) => e.metadata.actor.id === 'candidates',
  );
  expect(byCandidates).toEqual([]);
});
