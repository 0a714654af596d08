import { candidateStreamName, selfIdentificationStreamName } from '@hirestream/contracts';
import { ROLES } from '@hirestream/platform';
import { useServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';

// The self-identification routes through the API, with the candidate's own token; the candidacy
// registered through the analytics service's EventStore (the candidates service is not started).

const CONTEXT = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: 'self-identification-spec',
  causationId: 'self-identification-spec',
};
const ANSWERS = [
  { category: 'sex', answer: 'female' },
  { category: 'race-ethnicity', answer: 'two-or-more-races' },
  { category: 'veteran-status', answer: 'protected-veteran' },
  { category: 'disability', answer: 'declined' },
];

describe('self-identification, the candidate only', () => {
  const api = useServiceApp('analytics', { env: () => ({}) });
  let candidateId: string;
  let own: { bearer: string };

  beforeAll(async () => {
    candidateId = randomUUID();
    const facts = candidateStreamFacts(candidateId);
    await api.store.append(
      candidateStreamName(candidateId),
      [facts.registered({ jobId: 'job-7' })],
      undefined,
      CONTEXT,
    );
    own = { bearer: await api.bearer('candidate', 'candidate-si', candidateId) };
  });

  const put = (payload: object, as: { bearer: string } = own) =>
    api.inject({
      method: 'PUT',
      url: `/candidates/${candidateId}/self-identification`,
      payload,
      as,
    });

  it('records answers only with consent, checked against the jurisdiction of the job', async () => {
    const refused = await put({ answers: ANSWERS });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'consent',
    ]);
    const wrong = await put({ consent: true, answers: [{ category: 'sex', answer: 'unicorn' }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'answers.0.answer',
      'answers',
    ]);
    const given = await put({ consent: true, answers: ANSWERS });
    expect(given.statusCode).toBe(200);
    expect(given.json()).toMatchObject({ jurisdiction: 'us', status: 'given', answers: ANSWERS });
    const read = await api.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/self-identification`,
      as: own,
    });
    expect(read.json()).toMatchObject({ status: 'given', answers: ANSWERS });
  });

  it('refuses every staff role, admins and auditors included, and another candidate', async () => {
    for (const role of ROLES.filter((r) => r !== 'candidate')) {
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        const response = await api.inject({
          method,
          url: `/candidates/${candidateId}/self-identification`,
          payload: method === 'PUT' ? { declined: true } : undefined,
          as: role,
        });
        expect([role, method, response.statusCode]).toEqual([role, method, 403]);
        expect(response.body).not.toContain('two-or-more-races');
      }
    }
    const other = { bearer: await api.bearer('candidate', 'candidate-other', randomUUID()) };
    const response = await api.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/self-identification`,
      as: other,
    });
    expect(response.statusCode).toBe(403);
  });

  it('declines, and withdraws', async () => {
    const declined = await put({ declined: true });
    expect(declined.json()).toMatchObject({ status: 'declined', answers: [] });
    const withdrawn = await api.inject({
      method: 'DELETE',
      url: `/candidates/${candidateId}/self-identification`,
      as: own,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'none', answers: [] });
  });

  it('records each as an event of its own stream, never of the candidate stream', async () => {
    const ownStream = await api.store.readStream(selfIdentificationStreamName(candidateId));
    expect(ownStream.events.map(({ event }) => event.type)).toEqual([
      'SelfIdentificationGiven',
      'SelfIdentificationDeclined',
      'SelfIdentificationWithdrawn',
    ]);
    const candidacy = await api.store.readStream(candidateStreamName(candidateId));
    expect(candidacy.events.map(({ event }) => event.type)).toEqual(['CandidateRegistered']);
  });

  it('answers 404 for a candidacy never registered', async () => {
    const stranger = randomUUID();
    const response = await api.inject({
      method: 'GET',
      url: `/candidates/${stranger}/self-identification`,
      as: { bearer: await api.bearer('candidate', 'candidate-x', stranger) },
    });
    expect(response.statusCode).toBe(404);
  });
});
