import { candidateStreamName } from '@hirestream/contracts';
import {
  auditAppOptions,
  eventually,
  hiringSeeds,
  interviewGuideSeeds,
  offerSeeds,
  SEEDED_INTERVIEW_KIND,
  SEEDED_JOB_ID,
  useServiceApps,
  whenReady,
} from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';

// Every service's state of a candidacy at a point, the diff between two
// points and the timeline, after a short journey through the services'
// public APIs: the audit service reads the stream and asks each service,
// listening on its own port, for its own fold.

const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  assessment: { consumers: true },
  'background-checks': {},
  offers: {},
  audit: auditAppOptions(),
});

type Json = Record<string, unknown>;
type Entry = { revision: string; type: string; occurredAt: string; actor: Json; reasons: Json };
type State = {
  revision: string;
  at: string | null;
  occurredAt: string;
  events: Entry[];
  services: Record<string, { aggregates: Json; schemaVersions: Json[]; upcasted: Json[] }>;
};

const lead = `lead-${randomUUID().slice(0, 8)}`;
let candidateId: string;
let interviewId: string;
/** Revisions of the journey's steps in the candidate's stream. */
const at: Record<'scheduled' | 'feedback' | 'offer', bigint> = {
  scheduled: 0n,
  feedback: 0n,
  offer: 0n,
};

async function lastRevision(): Promise<bigint> {
  const { revision } = await apps.candidates.store.readStream(candidateStreamName(candidateId));
  return revision!;
}

const audit = (url: string, as: 'auditor' | 'admin' | 'recruiter' = 'auditor') =>
  apps.audit.inject({ method: 'GET', url, as });

beforeAll(async () => {
  await whenReady(apps.assessment);
  const guides = interviewGuideSeeds({ assessment: apps.assessment });
  await guides.interviewKit(SEEDED_JOB_ID, SEEDED_INTERVIEW_KIND, await guides.rubric());
  const seeds = hiringSeeds({ candidates: apps.candidates, scheduling: apps.scheduling });
  await seeds.alwaysAvailable(lead);
  candidateId = await seeds.interviewingCandidate();
  await seeds.interview(candidateId, [lead], '2031-03-04T09:00:00Z');
  at.scheduled = await lastRevision();
  // An interview that began half an hour ago, as scheduling would have booked it (its API books
  // no past), completed through its API: the assessment service asks the panel for feedback.
  interviewId = randomUUID();
  await apps.scheduling.store.append(
    candidateStreamName(candidateId),
    [
      candidateStreamFacts(candidateId).scheduled(interviewId, [lead], 1, {
        startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      }),
    ],
    at.scheduled,
    {
      actor: { id: 'coordinator-1', role: 'coordinator' },
      correlationId: randomUUID(),
      causationId: randomUUID(),
    },
  );
  const completed = await apps.scheduling.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interviews/${interviewId}/completion`,
    as: 'coordinator',
  });
  expect(completed.statusCode).toBe(200);
  const panelist = { authorization: await apps.assessment.bearer('interviewer', lead) };
  await eventually('the feedback request', async () => {
    const own = await apps.assessment.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/interviews/${interviewId}/feedback/mine`,
      headers: panelist,
    });
    return own.json<Json>().status === 'open' ? true : undefined;
  });
  const submitted = await apps.assessment.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interviews/${interviewId}/feedback`,
    headers: panelist,
    payload: {
      ratings: [
        { criterionId: 'system-design', rating: 4 },
        { criterionId: 'communication', rating: 3 },
      ],
      strengths: 'Clear trade-offs',
      concerns: 'Few tests',
      notes: null,
      recommendation: 'yes',
    },
  });
  expect(submitted.statusCode).toBe(200);
  at.feedback = await lastRevision();
  await offerSeeds({ offers: apps.offers }).offer(candidateId);
  at.offer = await lastRevision();
}, 60_000);

describe('a candidacy at a point', () => {
  it("shows every service's own state after the events up to a revision, and nothing after it", async () => {
    const early = await audit(`/candidates/${candidateId}/state?revision=${at.scheduled}`);
    expect(early.statusCode).toBe(200);
    const then = early.json<State>();
    expect(then).toMatchObject({ revision: String(at.scheduled), at: null });
    expect(then.events.map((event) => event.type)).toEqual([
      'CandidateRegistered',
      'CandidateStageChanged',
      'ScreeningRecorded',
      'CandidateStageChanged',
      'InterviewScheduled',
    ]);
    expect(Object.keys(then.services).sort()).toEqual(
      ['assessment', 'background-checks', 'candidates', 'offers', 'scheduling'].sort(),
    );
    expect(then.services.candidates.aggregates.candidate).toMatchObject({
      status: 'registered',
      candidate: { stage: 'interviewing' },
    });
    expect(
      JSON.stringify(then.services.scheduling.aggregates['candidate-interviews']),
    ).not.toContain(interviewId);
    expect(JSON.stringify(then.services.assessment.aggregates)).not.toContain('Clear trade-offs');
    expect(JSON.stringify(then.services.offers.aggregates)).not.toContain('offerId');

    const now = (await audit(`/candidates/${candidateId}/state`)).json<State>();
    expect(now.revision).toBe(String(at.offer));
    expect(JSON.stringify(now.services.scheduling.aggregates['candidate-interviews'])).toContain(
      interviewId,
    );
    expect(JSON.stringify(now.services.assessment.aggregates['candidate-feedback'])).toContain(
      'Clear trade-offs',
    );
    expect(JSON.stringify(now.services.offers.aggregates['candidate-offers'])).toContain('offerId');
    expect(now.services.candidates.schemaVersions).toContainEqual(
      expect.objectContaining({ type: 'CandidateRegistered', events: 1 }),
    );
  });

  it('turns an instant into the last revision that had happened by then', async () => {
    const events = (await audit(`/candidates/${candidateId}/timeline`)).json<{ events: Entry[] }>()
      .events;
    const feedback = events.find((event) => event.type === 'FeedbackSubmitted')!;
    const byInstant = (
      await audit(`/candidates/${candidateId}/state?at=${feedback.occurredAt}`)
    ).json<State>();
    const byRevision = (
      await audit(`/candidates/${candidateId}/state?revision=${feedback.revision}`)
    ).json<State>();
    expect(byInstant.at).toBe(feedback.occurredAt);
    expect(BigInt(byInstant.revision)).toBeGreaterThanOrEqual(BigInt(feedback.revision));
    expect(BigInt(byInstant.revision)).toBeLessThan(at.offer);
    expect(byInstant.services.assessment).toEqual(byRevision.services.assessment);
    const before = await audit(`/candidates/${candidateId}/state?at=2001-01-01T00:00:00Z`);
    expect(before.statusCode).toBe(404);
    const past = await audit(`/candidates/${candidateId}/state?revision=${at.offer + 1n}`);
    expect(past.statusCode).toBe(404);
    expect(past.json<Json>().detail).toContain(`ends at revision ${at.offer}`);
  });

  it('diffs two points service by service, with the events between', async () => {
    const response = await audit(
      `/candidates/${candidateId}/diff?from=${at.scheduled}&to=${at.feedback}`,
    );
    expect(response.statusCode).toBe(200);
    const diff = response.json<{
      events: Entry[];
      services: Record<string, { added: Json[]; removed: Json[]; changed: Json[] }>;
    }>();
    expect(diff.events.map((event) => event.type)).toEqual(
      expect.arrayContaining([
        'InterviewScheduled',
        'InterviewCompleted',
        'FeedbackRequested',
        'FeedbackSubmitted',
      ]),
    );
    expect(diff.events.every((event) => BigInt(event.revision) > at.scheduled)).toBe(true);
    const scheduling = diff.services.scheduling;
    expect(
      [...scheduling.added, ...scheduling.changed].map((change) => change.path).join('\n'),
    ).toContain(interviewId);
    expect(diff.services.offers).toEqual({ added: [], removed: [], changed: [] });
    expect(JSON.stringify(diff.services.assessment.added)).toContain('Clear trade-offs');
  });

  it('tells who did what, when, in which role and why', async () => {
    const rejected = await apps.candidates.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/rejection`,
      as: 'hiring-manager',
      payload: {
        category: 'rejected-by-us',
        reason: 'Another candidate fitted better',
      },
    });
    expect(rejected.statusCode).toBe(200);
    const timeline = (await audit(`/candidates/${candidateId}/timeline`)).json<{
      events: (Entry & Json)[];
    }>();
    expect(timeline.events[0]).toMatchObject({
      revision: '0',
      type: 'CandidateRegistered',
      actor: { id: 'recruiter-1', role: 'recruiter' },
    });
    expect(timeline.events.at(-1)).toMatchObject({
      type: 'CandidateRejected',
      actor: { id: 'hiring-manager-1', role: 'hiring-manager' },
      reasons: { category: 'rejected-by-us', reason: 'Another candidate fitted better' },
      correlationId: expect.any(String),
      causationId: expect.any(String),
    });
    const requested = timeline.events.find((event) => event.type === 'FeedbackRequested')!;
    const completed = timeline.events.find((event) => event.type === 'InterviewCompleted')!;
    expect(requested).toMatchObject({ actor: { role: 'system' }, causationId: completed.eventId });
  });

  it('answers only auditors and admins, and 400 naming the field for a bad point', async () => {
    for (const url of ['state', 'diff?from=0&to=1', 'timeline']) {
      expect((await audit(`/candidates/${candidateId}/${url}`, 'recruiter')).statusCode).toBe(403);
      expect((await audit(`/candidates/${candidateId}/${url}`, 'admin')).statusCode).toBe(200);
    }
    const bad = await audit(`/candidates/${candidateId}/state?revision=-1`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Json[] }>().errors).toContainEqual(
      expect.objectContaining({ field: 'revision' }),
    );
    const both = await audit(`/candidates/${candidateId}/state?revision=1&at=2030-01-01T00:00:00Z`);
    expect(both.json<{ errors: Json[] }>().errors).toEqual([
      expect.objectContaining({ field: 'at', rule: 'at-or-revision' }),
    ]);
    expect((await audit(`/candidates/${randomUUID()}/timeline`)).statusCode).toBe(404);
    const direct = await apps.scheduling.inject({
      method: 'GET',
      url: `/audit/streams/${candidateStreamName(candidateId)}/state?revision=x`,
      as: 'auditor',
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.json<{ errors: Json[] }>().errors).toContainEqual(
      expect.objectContaining({ field: 'revision' }),
    );
    const unknown = await apps.scheduling.inject({
      method: 'GET',
      url: `/audit/streams/${candidateStreamName(randomUUID())}/state`,
      as: 'auditor',
    });
    expect(unknown.statusCode).toBe(404);
    const interviewer = await apps.scheduling.inject({
      method: 'GET',
      url: `/audit/streams/${candidateStreamName(candidateId)}/state`,
      as: 'interviewer',
    });
    expect(interviewer.statusCode).toBe(403);
  });
});
