import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { Role } from '@hirestream/platform';
import { useServiceApp } from '@hirestream/testing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { randomUUID } from 'node:crypto';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../src/background-check-gateway';

// The HTTP API over one check: the recruiter initiates, the candidate reads the
// disclosure and consents with its SHA-256, results arrive (here through the
// gateway, as the webhook records them), the recruiter records references and
// adjudicates, sends the notice; the candidate disputes; the final action is
// refused while the window is open and taken once it has ended.

type Json = Record<string, unknown>;
type CheckJson = {
  checkId: string;
  phase: string;
  standing: string;
  items: { itemId: string; kind: string; status: string; summary: string | null }[];
  adverseAction: { phase: string; windowEndsAt: string | null; remainingMs: number | null } | null;
  revision: string;
};

const api = useServiceApp('background-checks');
const checks = (): BackgroundCheckGateway => api.app.get(BACKGROUND_CHECKS);
const system = () => ({
  actor: { id: 'background-checks', role: 'system' as const },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

async function send(method: 'GET' | 'POST', url: string, as: string, payload?: Json) {
  return api.inject({ method, url, payload, headers: { authorization: as } });
}
const staff = (role: Role) => api.bearer(role);
const candidateToken = (candidateId: string) =>
  api.bearer('candidate', `person-${candidateId}`, candidateId);

/** A candidacy of job-1 (the default package: standard, us-ca) in the background-check stage. */
async function candidateInBackgroundCheck(): Promise<string> {
  const candidateId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  const events: Event[] = [facts.registered(), facts.moved('applied', 'background-check')];
  await api.store.append(candidateStreamName(candidateId), events, undefined, system());
  return candidateId;
}

async function initiated(candidateId: string): Promise<CheckJson> {
  const response = await send(
    'POST',
    `/candidates/${candidateId}/background-checks`,
    await staff('recruiter'),
  );
  expect(response.statusCode).toBe(201);
  return response.json<CheckJson>();
}

const typesOf = async (candidateId: string) =>
  (await api.store.readStream(candidateStreamName(candidateId))).events.map(
    (recorded) => recorded.event.type,
  );

/** Consent, the order and the provider's results, as the order process and webhook record them. */
async function providerResults(
  candidateId: string,
  checkId: string,
  criminalRecord: 'clear' | 'consider',
) {
  const providerItems = [
    'criminal-record-1',
    'employment-verification-1',
    'education-verification-1',
  ];
  await checks().handle(
    {
      type: 'RecordOrder',
      data: {
        candidateId,
        checkId,
        provider: 'embedded',
        providerOrderId: `order-${checkId}`,
        items: providerItems.map((itemId) => ({ itemId, providerReference: `ref-${itemId}` })),
      },
    },
    system(),
  );
  for (const itemId of providerItems) {
    await checks().handle(
      {
        type: 'RecordProviderResult',
        data: {
          candidateId,
          checkId,
          item: { itemId },
          status: itemId === 'criminal-record-1' ? criminalRecord : 'clear',
          summary: `${itemId}: searched`,
          reportReference: `report-${itemId}`,
          deliveryId: `delivery-${checkId}-${itemId}`,
          now: new Date().toISOString(),
        },
      },
      system(),
    );
  }
}

async function recordReferences(candidateId: string, checkId: string): Promise<CheckJson> {
  let last: CheckJson | undefined;
  for (const itemId of ['reference-check-1', 'reference-check-2']) {
    const response = await send(
      'POST',
      `/candidates/${candidateId}/background-checks/${checkId}/items/${itemId}/reference`,
      await staff('recruiter'),
      {
        referenceName: 'Grace Hopper',
        relationship: 'Former manager',
        answers: [{ question: 'Would you hire them again?', answer: 'Yes.' }],
        result: 'clear',
      },
    );
    expect(response.statusCode).toBe(200);
    last = response.json<CheckJson>();
  }
  return last as CheckJson;
}

async function consented(candidateId: string, checkId: string): Promise<void> {
  const token = await candidateToken(candidateId);
  const shown = await send(
    'GET',
    `/candidates/${candidateId}/background-check/for-candidate`,
    token,
  );
  const { sha256 } = shown.json<{ disclosure: { sha256: string } }>().disclosure;
  const given = await send(
    'POST',
    `/candidates/${candidateId}/background-checks/${checkId}/consent`,
    token,
    { disclosureSha256: sha256 },
  );
  expect(given.statusCode).toBe(200);
}

describe('the background-checks API', () => {
  it('initiates with the package for the job and shows the candidate the disclosure to consent to', async () => {
    const candidateId = await candidateInBackgroundCheck();
    const check = await initiated(candidateId);
    expect(check).toMatchObject({ phase: 'awaiting-consent', standing: 'pending' });
    expect(check.items.map((item) => item.itemId)).toEqual([
      'criminal-record-1',
      'employment-verification-1',
      'education-verification-1',
      'reference-check-1',
      'reference-check-2',
    ]);

    const token = await candidateToken(candidateId);
    const shown = await send(
      'GET',
      `/candidates/${candidateId}/background-check/for-candidate`,
      token,
    );
    expect(shown.statusCode).toBe(200);
    const { disclosure } = shown.json<{ disclosure: { sha256: string; text: string } }>();
    expect(disclosure.text).toContain('consumer report');

    const url = `/candidates/${candidateId}/background-checks/${check.checkId}/consent`;
    const stale = await send('POST', url, token, { disclosureSha256: 'f'.repeat(64) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ rule: 'disclosure-changed' });
    const given = await send('POST', url, token, { disclosureSha256: disclosure.sha256 });
    expect(given.statusCode).toBe(200);
    expect(given.json()).toMatchObject({ phase: 'consented' });
    expect(await typesOf(candidateId)).toContain('BackgroundCheckConsentGiven');
  });

  it('lets only the candidate themself consent, auditors read, and other roles nothing', async () => {
    const candidateId = await candidateInBackgroundCheck();
    const { checkId } = await initiated(candidateId);
    const other = await candidateToken(randomUUID());
    const url = `/candidates/${candidateId}/background-checks/${checkId}/consent`;
    expect((await send('POST', url, other, { disclosureSha256: 'a'.repeat(64) })).statusCode).toBe(
      403,
    );
    expect(
      (await send('POST', url, await staff('recruiter'), { disclosureSha256: 'a'.repeat(64) }))
        .statusCode,
    ).toBe(403);
    expect(
      (await send('GET', `/candidates/${candidateId}/background-check`, await staff('auditor')))
        .statusCode,
    ).toBe(200);
    expect(
      (await send('GET', `/candidates/${candidateId}/background-check`, await staff('interviewer')))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await send(
          'GET',
          `/candidates/${candidateId}/background-check`,
          await candidateToken(candidateId),
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send(
          'POST',
          `/candidates/${candidateId}/background-checks`,
          await staff('hiring-manager'),
        )
      ).statusCode,
    ).toBe(403);
  });

  it('completes clear with the last reference recorded', async () => {
    const candidateId = await candidateInBackgroundCheck();
    const { checkId } = await initiated(candidateId);
    await consented(candidateId, checkId);
    await providerResults(candidateId, checkId, 'clear');
    const check = await recordReferences(candidateId, checkId);
    expect(check).toMatchObject({ phase: 'completed', standing: 'clear' });
    expect(check.items[0]).toMatchObject({
      status: 'clear',
      summary: 'criminal-record-1: searched',
    });
  });

  it('runs the adverse-action sequence: notice, dispute pausing the window, upheld, final action once it ended', async () => {
    const candidateId = await candidateInBackgroundCheck();
    const { checkId } = await initiated(candidateId);
    await consented(candidateId, checkId);
    await providerResults(candidateId, checkId, 'consider');
    await recordReferences(candidateId, checkId);
    const base = `/candidates/${candidateId}/background-checks/${checkId}`;
    const recruiter = await staff('recruiter');

    const adjudicated = await send(
      'POST',
      `${base}/items/criminal-record-1/adjudication`,
      recruiter,
      {
        decision: 'adverse-action',
        reason: 'A conviction relevant to the role',
      },
    );
    expect(adjudicated.statusCode).toBe(200);
    const noticed = await send('POST', `${base}/pre-adverse-action-notice`, recruiter, {
      reportCopyReference: 'report-copy-1',
    });
    expect(noticed.statusCode).toBe(200);
    const windowEndsAt = noticed.json<CheckJson>().adverseAction?.windowEndsAt as string;
    expect(Date.parse(windowEndsAt)).toBeGreaterThan(Date.now() + 5 * 86_400_000);

    const early = await send('POST', `${base}/final-adverse-action`, recruiter, {
      reason: 'Conviction',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ rule: 'adverse-action-window-open' });
    expect(early.json().detail).toContain(windowEndsAt);

    const token = await candidateToken(candidateId);
    const notice = await send(
      'GET',
      `/candidates/${candidateId}/background-check/for-candidate`,
      token,
    );
    expect(notice.json()).toMatchObject({
      preAdverseActionNotice: {
        reportCopyReference: 'report-copy-1',
        windowEndsAt,
        disputeOpen: false,
      },
    });
    const disputed = await send('POST', `${base}/dispute`, token, {
      text: 'That record is not mine.',
    });
    expect(disputed.statusCode).toBe(200);
    expect(disputed.json()).toMatchObject({
      preAdverseActionNotice: { windowEndsAt: null, disputeOpen: true },
    });
    const paused = await send('POST', `${base}/final-adverse-action`, recruiter, {
      reason: 'Conviction',
    });
    expect(paused.json()).toMatchObject({ rule: 'adverse-action-disputed' });

    const upheld = await send('POST', `${base}/dispute-resolution`, recruiter, {
      resolution: 'upheld',
      reason: 'The court confirmed the record',
    });
    expect(upheld.statusCode).toBe(200);
    const resumedEnd = upheld.json<CheckJson>().adverseAction?.windowEndsAt as string;
    expect(Date.parse(resumedEnd)).toBeGreaterThanOrEqual(Date.parse(windowEndsAt));

    // The window's end, as the durable timer fires it once the time has come.
    await checks().handle(
      {
        type: 'EndAdverseActionWindow',
        data: { candidateId, checkId, windowEndsAt: resumedEnd, now: resumedEnd },
      },
      system(),
    );
    const taken = await send('POST', `${base}/final-adverse-action`, recruiter, {
      reason: 'Conviction',
    });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ standing: 'adverse', adverseAction: { phase: 'taken' } });
    expect((await typesOf(candidateId)).slice(-2)).toEqual([
      'AdverseActionWindowElapsed',
      'FinalAdverseActionTaken',
    ]);
  });

  it('lets a recruiter cancel after the candidate withdrew consent, recording why', async () => {
    const candidateId = await candidateInBackgroundCheck();
    const { checkId } = await initiated(candidateId);
    await consented(candidateId, checkId);
    const base = `/candidates/${candidateId}/background-checks/${checkId}`;
    const withdrawn = await send(
      'POST',
      `${base}/consent-withdrawn`,
      await candidateToken(candidateId),
      {},
    );
    expect(withdrawn.json()).toMatchObject({ phase: 'consent-withdrawn' });
    const cancelled = await send('POST', `${base}/cancellation`, await staff('recruiter'), {});
    expect(cancelled.json()).toMatchObject({ phase: 'cancelled', standing: 'cancelled' });
    const { events } = await api.store.readStream(candidateStreamName(candidateId));
    expect(events.at(-1)?.event.data).toMatchObject({ reason: 'consent-withdrawn' });
  });
});
