import type { Role } from '@hirestream/platform';
import { useServiceApp } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import { candidateFacts } from './candidate-facts';

type Json = Record<string, unknown>;
type Problem = { status: number; rule?: string; detail?: string };

const api = useServiceApp('assessment');

const { interviewingCandidate, completedInterview, streamTypes } = candidateFacts(() => api.store);

/** A candidate whose round 1 interview (grace leads, alan asks) is completed, with feedback from `gave`. */
async function debriefedCandidate(gave: readonly string[]) {
  const candidateId = await interviewingCandidate();
  const interviewId = await completedInterview(
    candidateId,
    ['grace', 'alan'],
    gave.map((interviewerId) => ({ interviewerId, recommendation: 'yes' })),
  );
  return { candidateId, interviewId };
}

async function send(method: 'GET' | 'POST', url: string, as: Role | string, payload?: Json) {
  const authorization = as.startsWith('Bearer ') ? as : await api.bearer(as as Role);
  return api.inject({ method, url, payload, headers: { authorization } });
}

const decide = (candidateId: string, body: Json, as: Role = 'hiring-manager') =>
  send('POST', `/candidates/${candidateId}/panel-decisions`, as, body);

const advance = {
  round: 1,
  decision: 'advance',
  advanceTo: 'next-round',
  rationale: 'Both panelists saw clear, careful design',
};
const reject = {
  round: 1,
  decision: 'reject',
  rationale: 'Design depth below the bar for the level',
  feedbackForCandidate: 'Practise talking through trade-offs before settling on a design.',
};

describe('panel decisions', () => {
  it("refuses while a panelist's feedback is missing, naming it, and appends nothing", async () => {
    const { candidateId, interviewId } = await debriefedCandidate(['grace']);
    const before = await streamTypes(candidateId);
    const refused = await decide(candidateId, advance);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().rule).toBe('feedback-missing');
    expect(refused.json<Problem>().detail).toContain(`alan on interview ${interviewId}`);
    expect(await streamTypes(candidateId)).toEqual(before);
  });

  it('records a decision with an override naming exactly the missing feedback; staff read it, the candidate only what they are told', async () => {
    const { candidateId, interviewId } = await debriefedCandidate(['grace']);
    const override = {
      missingFeedback: [{ interviewId, interviewerId: 'alan' }],
      reason: 'Alan is on leave for a month',
    };
    const recorded = await decide(candidateId, { ...reject, override });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.headers.etag).toBe('"7"');
    const decision = recorded.json<Json>();
    expect(decision).toMatchObject({
      candidateId,
      round: 1,
      decision: 'reject',
      advanceTo: null,
      rationale: reject.rationale,
      feedbackForCandidate: reject.feedbackForCandidate,
      override,
      decidedBy: 'hiring-manager-1',
    });

    const listed = await send('GET', `/candidates/${candidateId}/panel-decisions`, 'auditor');
    expect(listed.json()).toEqual({ decisions: [decision] });
    const candidate = await api.bearer('candidate', 'candidate-1', candidateId);
    const outcome = await send('GET', `/candidates/${candidateId}/assessment-outcome`, candidate);
    expect(outcome.statusCode).toBe(200);
    expect(outcome.json()).toEqual({
      candidateId,
      decisions: [
        {
          round: 1,
          decision: 'reject',
          advanceTo: null,
          feedbackForCandidate: reject.feedbackForCandidate,
        },
      ],
    });
    expect(
      (await send('GET', `/candidates/${candidateId}/panel-decisions`, candidate)).statusCode,
    ).toBe(403);
    expect(
      (await send('GET', `/candidates/${candidateId}/panel-decisions`, 'interviewer')).statusCode,
    ).toBe(403);
  });

  it('shows the candidate nothing before a round is decided, and nothing of another candidacy', async () => {
    const { candidateId } = await debriefedCandidate(['grace', 'alan']);
    const candidate = await api.bearer('candidate', 'candidate-1', candidateId);
    const outcome = await send('GET', `/candidates/${candidateId}/assessment-outcome`, candidate);
    expect(outcome.json()).toEqual({ candidateId, decisions: [] });
    const other = await debriefedCandidate(['grace', 'alan']);
    const foreign = await send(
      'GET',
      `/candidates/${other.candidateId}/assessment-outcome`,
      candidate,
    );
    expect(foreign.statusCode).toBe(403);
    expect(
      (await send('GET', `/candidates/${randomUUID()}/assessment-outcome`, 'recruiter')).statusCode,
    ).toBe(404);
  });

  it('decides a held round again, never an advanced one; a round without a completed interview is refused', async () => {
    const { candidateId } = await debriefedCandidate(['grace', 'alan']);
    const held = await decide(candidateId, {
      round: 1,
      decision: 'hold',
      rationale: 'Waiting for the second candidate',
    });
    expect(held.statusCode).toBe(200);
    expect((await decide(candidateId, advance, 'admin')).statusCode).toBe(200);
    const again = await decide(candidateId, reject);
    expect(again.json<Problem>()).toMatchObject({ status: 409, rule: 'round-already-decided' });
    const roundTwo = await decide(candidateId, { ...advance, round: 2 });
    expect(roundTwo.json<Problem>()).toMatchObject({ status: 409, rule: 'round-not-interviewed' });
    const decisions = (
      await send('GET', `/candidates/${candidateId}/panel-decisions`, 'recruiter')
    ).json<{ decisions: { decision: string }[] }>().decisions;
    expect(decisions.map((d) => d.decision)).toEqual(['hold', 'advance']);
  });

  it('lets only hiring managers and admins decide, and checks the shape of a decision', async () => {
    const { candidateId } = await debriefedCandidate(['grace', 'alan']);
    for (const role of ['recruiter', 'interviewer', 'coordinator', 'auditor'] as const) {
      expect((await decide(candidateId, advance, role)).statusCode).toBe(403);
    }
    const noTarget = await decide(candidateId, { ...advance, advanceTo: undefined });
    expect(noTarget.json<Problem>().rule).toBe('advance-target-required');
    const noFeedback = await decide(candidateId, { ...reject, feedbackForCandidate: undefined });
    expect(noFeedback.json<Problem>().rule).toBe('feedback-for-candidate-required');
    const badTarget = await decide(candidateId, { ...advance, advanceTo: 'hired' });
    expect(badTarget.statusCode).toBe(400);
  });
});
