import { candidateStreamName, type BackgroundChecksEvent } from '@hirestream/contracts';
import { ConsumeOutcomes, useServiceApps, type ServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;

// A final adverse action, as the background-checks service records it, published by its
// relay and consumed by the candidates service, rejects the candidate (category adverse-action).

const consumed = new ConsumeOutcomes();
const { candidates, 'background-checks': checks } = useServiceApps({
  candidates: { consumers: true, beforeConsumers: consumed.record },
  'background-checks': {},
});

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
  const stream = candidateStreamName(candidateId);
  const { revision } = await checks.store.readStream(stream);
  await checks.store.append(stream, facts, revision, {
    actor: { id: 'recruiter-1', role: 'recruiter' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
  const { events } = await checks.store.readStream(stream);
  const taken = events.find((recorded) => recorded.event.type === 'FinalAdverseActionTaken');
  await consumed.waitFor(taken?.metadata.eventId ?? '');

  const rejected = (await candidates.store.readStream(stream)).events.at(-1)?.event;
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
