import { candidateStreamName } from '@hirestream/contracts';
import { useServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';

const api = useServiceApp('analytics');

/** A candidate as the candidates service records one. */
async function registeredCandidate(): Promise<string> {
  const candidateId = randomUUID();
  await api.store.append(
    candidateStreamName(candidateId),
    [
      {
        type: 'CandidateRegistered',
        data: {
          candidateId,
          personId: randomUUID(),
          fullName: 'Ada Lovelace',
          email: 'ada@example.org',
          phone: null,
          jobId: 'job-7',
          source: 'referral',
          resumeRef: null,
        },
      },
    ],
    undefined,
    { actor: { id: 'recruiter-1', role: 'recruiter' }, correlationId: 'c', causationId: 'c' },
  );
  return candidateId;
}

const recordNote = (
  candidateId: string,
  text: unknown,
  as: 'recruiter' | 'interviewer' = 'recruiter',
) =>
  api.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/analytics-notes`,
    payload: { text },
    as,
  });

describe('analytics API', () => {
  it('records a note on the candidate stream', async () => {
    const candidateId = await registeredCandidate();
    const response = await recordNote(candidateId, '  Call back on Monday ');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      candidateId,
      text: 'Call back on Monday',
      revision: '1',
    });
    const { events } = await api.store.readStream(candidateStreamName(candidateId));
    expect(events.map((recorded) => recorded.event.type)).toEqual([
      'CandidateRegistered',
      'AnalyticsNoteRecorded',
    ]);
  });

  it('answers 400 naming the field, 404 for an unknown candidate, 403 for another role', async () => {
    const candidateId = await registeredCandidate();
    const blank = await recordNote(candidateId, '   ');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors).toContainEqual(
      expect.objectContaining({ field: 'text', rule: 'text' }),
    );
    expect((await recordNote(randomUUID(), 'hello')).statusCode).toBe(404);
    expect((await recordNote(candidateId, 'hello', 'interviewer')).statusCode).toBe(403);
  });
});
