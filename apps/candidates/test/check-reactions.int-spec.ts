import {
  candidateStreamName,
  serviceEventsTopic,
  type BackgroundChecksEvent,
  type Event,
} from '@hirestream/contracts';
import {
  ConsumeOutcomes,
  useKafkaRedelivery,
  useServiceApps,
  type ServiceApp,
} from '@hirestream/testing';
import { checkStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

// The background-checks service's facts, as it records them, published by its relay and
// consumed by the candidates service: a check that stands clear moves a candidate waiting in
// the background-check stage to the offer stage, once; a final adverse action rejects the
// candidate (category adverse-action).

const consumed = new ConsumeOutcomes();
const { candidates, 'background-checks': checks } = useServiceApps({
  candidates: { consumers: true, beforeConsumers: consumed.record },
  'background-checks': {},
});
const checksTopic = useKafkaRedelivery(checks, serviceEventsTopic('background-checks'));

async function post(app: ServiceApp, url: string, body: Json) {
  const response = await app.inject({ method: 'POST', url, payload: body, as: 'recruiter' });
  expect(response.statusCode).toBeLessThan(300);
  return response.json<Json>();
}

async function candidateInBackgroundCheck(): Promise<string> {
  const { id } = await post(candidates, '/candidates', {
    fullName: 'Grace Hopper',
    email: 'grace@example.org',
    jobId: 'job-1',
    source: 'referral',
  });
  const candidateId = String(id);
  await post(candidates, `/candidates/${candidateId}/screening`, { passed: true });
  await post(candidates, `/candidates/${candidateId}/stage`, { to: 'interviewing' });
  await post(candidates, `/candidates/${candidateId}/stage`, { to: 'background-check' });
  return candidateId;
}

/** Appends as the background-checks service would; the id of the last event appended. */
async function appendCheckFacts(candidateId: string, facts: readonly Event[]): Promise<string> {
  const stream = candidateStreamName(candidateId);
  const { revision } = await checks.store.readStream(stream);
  await checks.store.append(stream, facts, revision, {
    actor: { id: 'recruiter-1', role: 'recruiter' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  const { events } = await checks.store.readStream(stream);
  return events.at(-1)!.metadata.eventId;
}

async function stageMovesOf(candidateId: string) {
  const { events } = await candidates.store.readStream(candidateStreamName(candidateId));
  return events.filter(({ event }) => event.type === 'CandidateStageChanged');
}

it('rejects the candidate with category adverse-action once the final adverse action is taken', async () => {
  const candidateId = await candidateInBackgroundCheck();
  const checkId = randomUUID();
  const key = { candidateId, checkId };
  const facts: BackgroundChecksEvent[] = [
    {
      type: 'BackgroundCheckInitiated',
      data: {
        ...key,
        package: { id: 'standard', version: 1 },
        jurisdiction: { id: 'us-ca', version: 1 },
        items: [{ itemId: 'criminal-record-1', kind: 'criminal-record', subject: null }],
        disclosure: { documentId: 'us-fcra-disclosure', version: 1, sha256: 'a'.repeat(64) },
      },
    },
    {
      type: 'FinalAdverseActionTaken',
      data: {
        ...key,
        reason: 'A conviction relevant to the role',
        automatic: false,
        takenBy: 'recruiter-1',
      },
    },
  ];
  const takenId = await appendCheckFacts(candidateId, facts);
  await consumed.waitFor(takenId);

  const rejected = (await candidates.store.readStream(candidateStreamName(candidateId))).events.at(
    -1,
  )?.event;
  expect(rejected).toMatchObject({
    type: 'CandidateRejected',
    data: {
      category: 'adverse-action',
      reason: 'A conviction relevant to the role',
      feedbackForCandidate: null,
      stageAtRejection: 'background-check',
    },
  });
});

it('moves a candidate whose check completes clear to the offer stage once, a redelivery changing nothing', async () => {
  const candidateId = await candidateInBackgroundCheck();
  const completedId = await appendCheckFacts(
    candidateId,
    checkStreamFacts(candidateId, randomUUID()).clear(),
  );
  await consumed.waitFor(completedId);

  const moved = (await stageMovesOf(candidateId)).at(-1)!;
  expect(moved.event.data).toEqual({ candidateId, from: 'background-check', to: 'offer' });
  expect(moved.metadata).toMatchObject({
    actor: { id: 'candidates', role: 'system' },
    causationId: completedId,
  });

  await checksTopic.redeliver(await checksTopic.publishedMessage(completedId));
  await consumed.waitFor(completedId, 'duplicate');
  expect(await stageMovesOf(candidateId)).toHaveLength(4);
  const read = await candidates.inject({
    method: 'GET',
    url: `/candidates/${candidateId}`,
    as: 'recruiter',
  });
  expect(read.json<Json>()).toMatchObject({ stage: 'offer' });
});

it('waits while a consider result is unadjudicated, and moves the candidate once a recruiter engages it', async () => {
  const candidateId = await candidateInBackgroundCheck();
  const checkId = randomUUID();
  const considered = checkStreamFacts(candidateId, checkId).noticeSent().slice(0, 3);
  const completedId = await appendCheckFacts(candidateId, considered);
  await consumed.waitFor(completedId);
  expect((await stageMovesOf(candidateId)).at(-1)?.event.data).toMatchObject({
    to: 'background-check',
  });

  const engagedId = await appendCheckFacts(candidateId, [
    {
      type: 'ConsiderItemAdjudicated',
      data: {
        candidateId,
        checkId,
        itemId: 'reference-check-1',
        decision: 'engage',
        reason: 'The gap was explained and verified',
        adjudicatedBy: 'recruiter-1',
      },
    },
  ]);
  await consumed.waitFor(engagedId);
  expect((await stageMovesOf(candidateId)).at(-1)).toMatchObject({
    event: { data: { from: 'background-check', to: 'offer' } },
    metadata: { causationId: engagedId },
  });
});
