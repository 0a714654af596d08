import { candidateStreamName, type Event } from '@hirestream/contracts';
import { dataKeyId, PersonalDataVault } from '@hirestream/personal-data';
import { ReadModelDatabase } from '@hirestream/read-models';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { checkStreamFacts, draftedTerms } from '@hirestream/testing/offer-stream-facts';
import { useServiceApp } from '@hirestream/testing';
import type { Role } from '@hirestream/platform';
import { randomUUID } from 'node:crypto';

const api = useServiceApp('offers');
const expiresAt = new Date(Date.now() + 14 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const terms = draftedTerms({ expiresAt });

/** Appends at the end of the candidate's stream (`after`: its revision; undefined for a new one). */
async function append(
  candidateId: string,
  events: readonly Event[],
  after?: bigint,
): Promise<void> {
  await api.store.append(candidateStreamName(candidateId), events, after, {
    actor: { id: 'recruiter-1', role: 'recruiter' },
    correlationId: 'c',
    causationId: 'c',
  });
}

/** A candidate in the offer stage, as the candidates service records one. */
async function candidateInOffer(): Promise<string> {
  const candidateId = randomUUID();
  const facts = candidateStreamFacts(candidateId);
  await append(candidateId, [...facts.interviewing(), facts.moved('interviewing', 'offer')]);
  return candidateId;
}

type Caller = Role | Readonly<{ bearer: string }>;
const as = async (role: Role, subject?: string, candidateId?: string): Promise<Caller> => ({
  bearer: await api.bearer(role, subject, candidateId),
});
const post = (url: string, payload: object, caller: Caller) =>
  api.inject({ method: 'POST', url, payload, as: caller });
const get = (url: string, caller: Caller) => api.inject({ method: 'GET', url, as: caller });

async function draftedOffer(candidateId: string): Promise<string> {
  const drafted = await post(`/candidates/${candidateId}/offers`, terms, 'recruiter');
  expect(drafted.statusCode).toBe(201);
  return drafted.json<{ offerId: string }>().offerId;
}

async function approved(candidateId: string, offerId: string): Promise<void> {
  for (const approver of ['approver-hiring-manager', 'approver-department-head']) {
    const response = await post(
      `/candidates/${candidateId}/offers/${offerId}/approvals`,
      { version: 1 },
      await as('approver', approver),
    );
    expect(response.statusCode).toBe(200);
  }
}

describe('offers API', () => {
  it('drafts, approves in order, extends with a letter, and takes the acceptance', async () => {
    const candidateId = await candidateInOffer();
    const offerId = await draftedOffer(candidateId);
    const base = `/candidates/${candidateId}/offers/${offerId}`;

    const early = await post(
      `${base}/approvals`,
      { version: 1 },
      await as('approver', 'approver-department-head'),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ rule: 'not-current-approver' });
    const outsider = await post(
      `${base}/approvals`,
      { version: 1 },
      await as('approver', 'approver-9'),
    );
    expect(outsider.statusCode).toBe(404);

    await approved(candidateId, offerId);
    const extended = await post(`${base}/extension`, { version: 1 }, 'recruiter');
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ status: 'extended', extended: { version: 1 } });

    const candidate = await as('candidate', 'candidate-1', candidateId);
    const seen = await get(base, candidate);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      status: 'extended',
      version: 1,
      terms: { baseSalary: terms.baseSalary },
    });
    expect(seen.json()).not.toHaveProperty('approvalChain');
    const letter = await get(`${base}/letter?format=html`, candidate);
    expect(letter.statusCode).toBe(200);
    expect(letter.json().sha256).toBe(extended.json().extended.letter.htmlSha256);

    const wrongName = await post(
      `${base}/acceptance`,
      { version: 1, signedName: 'Someone Else' },
      candidate,
    );
    expect(wrongName.json()).toMatchObject({ rule: 'signature-mismatch' });
    const accepted = await post(
      `${base}/acceptance`,
      { version: 1, signedName: 'Ada Lovelace' },
      candidate,
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      answer: { kind: 'accepted', version: 1 },
    });
    const { events } = await api.store.readStream(candidateStreamName(candidateId));
    expect(events.map((recorded) => recorded.event.type).slice(3)).toEqual([
      'OfferDrafted',
      'OfferApproved',
      'OfferApproved',
      'OfferExtended',
      'OfferAccepted',
    ]);
  });

  it('keeps compensation from interviewers and coordinators, and from approvers not in the chain', async () => {
    const candidateId = await candidateInOffer();
    const offerId = await draftedOffer(candidateId);
    const base = `/candidates/${candidateId}/offers/${offerId}`;
    expect((await get(base, 'interviewer')).statusCode).toBe(403);
    expect((await get(base, 'coordinator')).statusCode).toBe(403);
    expect((await get(base, await as('approver', 'approver-9'))).statusCode).toBe(404);
    expect((await get(base, await as('approver', 'approver-hiring-manager'))).statusCode).toBe(200);
    expect((await get(base, 'auditor')).statusCode).toBe(200);
    // The candidate learns of an offer only once it is extended to them.
    expect((await get(base, await as('candidate', 'candidate-1', candidateId))).statusCode).toBe(
      404,
    );
  });

  it('restarts approval when compensation changes after an approval', async () => {
    const candidateId = await candidateInOffer();
    const offerId = await draftedOffer(candidateId);
    const base = `/candidates/${candidateId}/offers/${offerId}`;
    await post(
      `${base}/approvals`,
      { version: 1 },
      await as('approver', 'approver-hiring-manager'),
    );
    const raised = await post(
      `${base}/versions`,
      { ...terms, baseSalary: { amountMinor: 9_500_000, currency: 'EUR' } },
      'recruiter',
    );
    expect(raised.statusCode).toBe(201);
    expect(raised.json()).toMatchObject({
      version: 2,
      status: 'awaiting-approval',
      withinBand: false,
    });
    expect(
      raised
        .json()
        .approvalChain.map((step: { stepId: string; state: string }) => [step.stepId, step.state]),
    ).toEqual([
      ['hiring-manager', 'current'],
      ['department-head', 'waiting'],
      ['finance', 'waiting'],
    ]);
  });

  it('refuses to extend while a check is unresolved for an offer not contingent on it', async () => {
    const candidateId = await candidateInOffer();
    const drafted = await post(
      `/candidates/${candidateId}/offers`,
      { ...terms, contingencies: [] },
      'recruiter',
    );
    const { offerId } = drafted.json<{ offerId: string }>();
    await approved(candidateId, offerId);
    const { events } = await api.store.readStream(candidateStreamName(candidateId));
    const revision = BigInt(events.length - 1);
    await append(candidateId, checkStreamFacts(candidateId, randomUUID()).started(), revision);
    const refused = await post(
      `/candidates/${candidateId}/offers/${offerId}/extension`,
      { version: 1 },
      'recruiter',
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ rule: 'check-unresolved' });
  });

  it('answers 400 naming a float amount and an unknown currency', async () => {
    const candidateId = await candidateInOffer();
    const response = await post(
      `/candidates/${candidateId}/offers`,
      { ...terms, baseSalary: { amountMinor: 8000000.5, currency: 'EURO' } },
      'recruiter',
    );
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['baseSalary.amountMinor', 'baseSalary.currency']),
    );
  });

  it("keeps the letter sealed, serves it in plaintext, and answers 410 once the candidate's data is erased", async () => {
    const candidateId = await candidateInOffer();
    const offerId = await draftedOffer(candidateId);
    const base = `/candidates/${candidateId}/offers/${offerId}`;
    await approved(candidateId, offerId);
    const extended = await post(`${base}/extension`, { version: 1 }, 'recruiter');
    const { reference } = extended.json<{ extended: { letter: { reference: string } } }>().extended
      .letter;
    const letter = await get(`${base}/letter?format=html`, 'recruiter');
    expect(letter.json<{ content: string }>().content).toContain('Ada Lovelace');
    const db = api.app.get(ReadModelDatabase);
    const { rows } = await db.query<{ row: string }>(
      `select t::text as row from ${db.table('sealed_offer_letters')} t where reference = $1`,
      [reference],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain('Ada Lovelace');

    await api.app.get(PersonalDataVault).erase([dataKeyId('candidate', candidateId)]);
    for (const format of ['html', 'pdf']) {
      const gone = await get(`${base}/letter?format=${format}`, 'recruiter');
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({
        type: 'urn:hirestream:problem:offer-letter-erased',
        status: 410,
      });
    }
    const offer = await get(base, 'recruiter');
    expect(offer.statusCode).toBe(200);
    expect(offer.json()).toMatchObject({ status: 'extended', extended: { letter: { reference } } });
  });
});
