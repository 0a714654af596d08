import { candidateStreamName, type Event } from '@hirestream/contracts';
import type { Role } from '@hirestream/platform';
import { eventually, hiringSeeds, useServiceApps } from '@hirestream/testing';
import { checkStreamFacts, draftedTerms } from '@hirestream/testing/offer-stream-facts';
import { randomUUID } from 'node:crypto';

// The candidates service hires on the offers service's acceptance and the
// background-checks service's clear check, in either order; the offers
// service withdraws a rejected candidate's open offer; an offer expires by
// its durable timer. Check events are appended as the background-checks
// service writes them; its relay publishes them.
const apps = useServiceApps({
  candidates: { consumers: true },
  scheduling: {},
  offers: { consumers: true },
  'background-checks': {},
});
const seeds = hiringSeeds({ candidates: apps.candidates, scheduling: apps.scheduling });

const inSeconds = (seconds: number) =>
  new Date(Date.now() + seconds * 1_000).toISOString().replace(/\.\d+Z$/, 'Z');

type Caller = Role | Readonly<{ bearer: string }>;
async function send(app: 'candidates' | 'offers', url: string, payload: object, as: Caller) {
  return apps[app].inject({ method: 'POST', url, payload, as });
}
const approver = async (subject: string): Promise<Caller> => ({
  bearer: await apps.offers.bearer('approver', subject),
});

async function typesIn(candidateId: string): Promise<string[]> {
  const { events } = await apps.offers.store.readStream(candidateStreamName(candidateId));
  return events.map((recorded) => recorded.event.type);
}

/** Appends as the writer would, at the end of the stream. */
async function append(candidateId: string, events: readonly Event[]): Promise<void> {
  const stream = candidateStreamName(candidateId);
  const { events: before } = await apps.offers.store.readStream(stream);
  await apps.offers.store.append(stream, events, BigInt(before.length - 1), {
    actor: { id: 'background-checks', role: 'system' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
  });
}

/** A candidate in the offer stage with an approved offer (contingent on the check); the offer's URL. */
async function approvedOffer(expiresAt = inSeconds(3_600)): Promise<[string, string]> {
  const candidateId = await seeds.interviewingCandidate();
  const moved = await send(
    'candidates',
    `/candidates/${candidateId}/stage`,
    { to: 'offer' },
    'recruiter',
  );
  expect(moved.statusCode).toBe(200);
  const drafted = await send(
    'offers',
    `/candidates/${candidateId}/offers`,
    draftedTerms({ expiresAt }),
    'recruiter',
  );
  expect(drafted.statusCode).toBe(201);
  const url = `/candidates/${candidateId}/offers/${drafted.json<{ offerId: string }>().offerId}`;
  for (const subject of ['approver-hiring-manager', 'approver-department-head']) {
    expect(
      (await send('offers', `${url}/approvals`, { version: 1 }, await approver(subject)))
        .statusCode,
    ).toBe(200);
  }
  return [candidateId, url];
}

async function extendedAndAccepted(candidateId: string, url: string): Promise<void> {
  expect((await send('offers', `${url}/extension`, { version: 1 }, 'recruiter')).statusCode).toBe(
    200,
  );
  const candidate = { bearer: await apps.offers.bearer('candidate', 'candidate-1', candidateId) };
  const accepted = await send(
    'offers',
    `${url}/acceptance`,
    { version: 1, signedName: 'Grace Hopper' },
    candidate,
  );
  expect(accepted.statusCode).toBe(200);
}

const hired = (candidateId: string) =>
  eventually('the candidate is hired', async () =>
    (await typesIn(candidateId)).includes('CandidateHired') ? true : undefined,
  );

describe('offers across services', () => {
  it('hires once the accepted offer’s check clears, when the check clears last', async () => {
    const [candidateId, url] = await approvedOffer();
    await extendedAndAccepted(candidateId, url);
    await append(candidateId, checkStreamFacts(candidateId, randomUUID()).started());
    expect(await typesIn(candidateId)).not.toContain('CandidateHired');
    const check = checkStreamFacts(candidateId, randomUUID());
    await append(candidateId, check.clear());
    await hired(candidateId);
    const candidate = await apps.candidates.inject({
      method: 'GET',
      url: `/candidates/${candidateId}`,
      as: 'recruiter',
    });
    expect(candidate.json()).toMatchObject({ stage: 'hired' });
  });

  it('hires when the offer is accepted after the check cleared', async () => {
    const [candidateId, url] = await approvedOffer();
    await append(candidateId, checkStreamFacts(candidateId, randomUUID()).clear());
    await extendedAndAccepted(candidateId, url);
    await hired(candidateId);
    expect((await typesIn(candidateId)).filter((type) => type === 'CandidateHired')).toHaveLength(
      1,
    );
  });

  it("withdraws a rejected candidate's open offer", async () => {
    const [candidateId] = await approvedOffer();
    const rejected = await send(
      'candidates',
      `/candidates/${candidateId}/rejection`,
      { category: 'rejected-by-us', reason: 'The role was closed' },
      'recruiter',
    );
    expect(rejected.statusCode).toBe(200);
    await eventually('the offer is withdrawn', async () =>
      (await typesIn(candidateId)).includes('OfferWithdrawn') ? true : undefined,
    );
  });

  it('expires an offer not accepted by its expiry instant, once, and refuses a late acceptance', async () => {
    const [candidateId, url] = await approvedOffer(inSeconds(5));
    expect((await send('offers', `${url}/extension`, { version: 1 }, 'recruiter')).statusCode).toBe(
      200,
    );
    await eventually('the offer expires', async () =>
      (await typesIn(candidateId)).includes('OfferExpired') ? true : undefined,
    );
    const candidate = { bearer: await apps.offers.bearer('candidate', 'candidate-1', candidateId) };
    const late = await send(
      'offers',
      `${url}/acceptance`,
      { version: 1, signedName: 'Grace Hopper' },
      candidate,
    );
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ rule: 'offer-expired' });
    expect((await typesIn(candidateId)).filter((type) => type === 'OfferExpired')).toHaveLength(1);
  });
});
