import {
  candidateStreamName,
  selfIdentificationStreamName,
  type Event,
} from '@hirestream/contracts';
import { eventually, useServiceApp, type ServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';

// Adverse impact on known histories: the candidacies' facts and self-identifications appended
// through the analytics service's own EventStore (with its vault, so the answers are sealed in
// EventStoreDB as the API would write them) at chosen instants, as a full API history cannot
// place events in the past; the self-identification routes are exercised through the API in
// self-identification.int-spec.ts.

const CONTEXT = {
  actor: { id: 'recruiter-1', role: 'recruiter' as const },
  correlationId: 'adverse-impact-spec',
  causationId: 'adverse-impact-spec',
};
const SELF_IDENTIFIED = '2026-03-01T09:00:00.000Z';
const SCREENED = '2026-03-02T10:00:00.000Z';
const SCREENED_LATER = '2026-03-05T10:00:00.000Z';
const LATE_SELF_IDENTIFIED = '2026-03-10T10:00:00.000Z';

type Person = Readonly<{
  sex: string;
  passed: boolean;
  selfIdentifiedAt?: string;
  screenedAt?: string;
}>;

async function append(app: ServiceApp, stream: string, events: Event[], at: string): Promise<void> {
  let revision: bigint | undefined;
  for (const event of events) {
    const result = await app.store.append(stream, [event], revision, CONTEXT, new Date(at));
    revision = result.nextRevision;
  }
}

async function screenedCandidate(app: ServiceApp, jobId: string, person: Person): Promise<string> {
  const candidateId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  await append(
    app,
    candidateStreamName(candidateId),
    [facts.registered({ jobId })],
    '2026-02-20T09:00:00Z',
  );
  await app.store.append(
    selfIdentificationStreamName(candidateId),
    [
      {
        type: 'SelfIdentificationGiven',
        data: {
          candidateId,
          jurisdiction: 'us',
          answers: [
            { category: 'sex', answer: person.sex },
            { category: 'race-ethnicity', answer: 'declined' },
            { category: 'veteran-status', answer: 'declined' },
            { category: 'disability', answer: 'declined' },
          ],
          consent: true,
        },
      },
    ],
    undefined,
    CONTEXT,
    new Date(person.selfIdentifiedAt ?? SELF_IDENTIFIED),
  );
  await app.store.append(
    candidateStreamName(candidateId),
    [
      {
        type: 'ScreeningRecorded',
        data: { candidateId, passed: person.passed, notes: null, screenedBy: 'recruiter-1' },
      },
    ],
    0n,
    CONTEXT,
    new Date(person.screenedAt ?? SCREENED),
  );
  return candidateId;
}

function people(count: number, sex: string, passed: number, extra: Partial<Person> = {}): Person[] {
  return Array.from({ length: count }, (_, i) => ({ sex, passed: i < passed, ...extra }));
}

type Group = {
  kind: string;
  group: string;
  considered?: number;
  selected?: number;
  flagged?: boolean;
  belowFourFifths?: boolean;
};
type Answer = {
  asOf: string;
  result: {
    kind: string;
    reason?: string;
    groups: Group[];
    total: { kind: string; considered?: number };
  };
};

describe('adverse impact as of an instant', () => {
  const api = useServiceApp('analytics', { env: () => ({}) });

  const ask = async (query: string): Promise<Answer> => {
    const response = await api.inject({
      method: 'GET',
      url: `/analytics/adverse-impact?${query}`,
      as: 'auditor',
    });
    expect([query, response.statusCode, response.body.slice(0, 300)]).toEqual([
      query,
      200,
      expect.any(String),
    ]);
    return response.json<Answer>();
  };
  const groupOf = (answer: Answer, name: string) =>
    answer.result.groups.find((g) => g.group === name);

  beforeAll(async () => {
    for (const person of [...people(20, 'female', 16), ...people(20, 'male', 6)]) {
      await screenedCandidate(api, 'job-ai-flag', person);
    }
    // Screened later: counted from then on only.
    for (const person of people(5, 'male', 5, { screenedAt: SCREENED_LATER })) {
      await screenedCandidate(api, 'job-ai-flag', person);
    }
    // Self-identified only after their screening: unknown until then.
    for (const person of people(6, 'female', 6, { selfIdentifiedAt: LATE_SELF_IDENTIFIED })) {
      await screenedCandidate(api, 'job-ai-flag', person);
    }
    for (const person of [...people(5, 'female', 4), ...people(5, 'male', 1)]) {
      await screenedCandidate(api, 'job-ai-few', person);
    }
    for (const person of [
      ...people(10, 'female', 5),
      ...people(3, 'male', 1),
      ...people(6, 'declined', 3),
    ]) {
      await screenedCandidate(api, 'job-ai-small', person);
    }
    // The projection answers 503 until its first build is live, then counts as it catches up.
    await eventually(
      'every screening counted',
      async () => {
        const response = await api.inject({
          method: 'GET',
          url: '/analytics/adverse-impact?stage=screening&dimension=sex&jobId=job-ai-small',
          as: 'auditor',
        });
        if (response.statusCode === 503) return undefined;
        const answer = response.json<Answer>();
        return answer.result.total.considered === 19 ? true : undefined;
      },
      60_000,
    );
  }, 120_000);

  it('flags a group selected at less than four-fifths of the highest rate, significantly', async () => {
    const answer = await ask(
      'stage=screening&dimension=sex&jobId=job-ai-flag&asOf=2026-03-04T00:00:00Z',
    );
    expect(answer.result.kind).toBe('compared');
    expect(groupOf(answer, 'female')).toMatchObject({
      kind: 'highest-rate',
      considered: 20,
      selected: 16,
    });
    expect(groupOf(answer, 'male')).toMatchObject({
      kind: 'compared',
      considered: 20,
      selected: 6,
      belowFourFifths: true,
      flagged: true,
    });
    // The six screened on 03-02 who self-identified only on 03-10 are unknown as of 03-04.
    expect(groupOf(answer, 'unknown')).toMatchObject({
      kind: 'counted',
      considered: 6,
      selected: 6,
    });
  });

  it('as of a past instant, leaves out later decisions and later self-identification', async () => {
    const before = await ask(
      'stage=screening&dimension=sex&jobId=job-ai-flag&asOf=2026-03-02T09:59:59Z',
    );
    expect(before.result.total).toEqual({ kind: 'suppressed' });
    expect(before.result.groups).toEqual([]);
    const midDay = await ask(
      'stage=screening&dimension=sex&jobId=job-ai-flag&asOf=2026-03-05T10:00:00Z',
    );
    expect(groupOf(midDay, 'male')).toMatchObject({ considered: 25, selected: 11 });
    expect(groupOf(midDay, 'unknown')).toMatchObject({ considered: 6 });
    const now = await ask('stage=screening&dimension=sex&jobId=job-ai-flag');
    expect(groupOf(now, 'female')).toMatchObject({ considered: 26, selected: 22 });
    expect(groupOf(now, 'unknown')).toBeUndefined();
  });

  it('does not flag a large difference on numbers too small to be significant', async () => {
    const answer = await ask('stage=screening&dimension=sex&jobId=job-ai-few');
    expect(groupOf(answer, 'male')).toMatchObject({
      kind: 'compared',
      belowFourFifths: true,
      flagged: false,
    });
  });

  it('suppresses a group under five people, with another so the total does not give it away', async () => {
    const answer = await ask('stage=screening&dimension=sex&jobId=job-ai-small');
    expect(groupOf(answer, 'male')).toEqual({ kind: 'suppressed', group: 'male' });
    expect(groupOf(answer, 'declined')).toEqual({ kind: 'suppressed', group: 'declined' });
    expect(groupOf(answer, 'female')).toMatchObject({ considered: 10, selected: 5 });
    expect(JSON.stringify(answer)).not.toMatch(/"considered":3\b/);
  });
});
