import { ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import { ProjectionBuilds, ReadModelDatabase } from '@hirestream/read-models';
import { eventually, freePort, useServiceApps } from '@hirestream/testing';
import { randomUUID } from 'node:crypto';
import { ERASED_BEFORE_SENDING } from '../src/outbox/outbox-sender';

// A candidate registered through the candidates service is told of it by the
// notifications service (through the relay, Kafka and its consumer), whose
// relay is unreachable here, so the message stays pending, retried with backoff.
// Their name, address and phone are kept sealed in both services' PostgreSQL
// tables and shown opened by the APIs; once the candidate's key is erased the
// list shows [erased] and the pending message is given up unsent, saying why.
const unreachableRelay: Record<string, string> = {};
beforeAll(async () => {
  unreachableRelay.SMTP_PORT = String(await freePort());
});
const apps = useServiceApps({
  candidates: {},
  notifications: { consumers: true, env: unreachableRelay },
});

const ADA = { fullName: 'Ada Lovelace', email: 'ada.lovelace@example.org', phone: '+442079460001' };

type MessagesView = {
  messages: {
    kind: string;
    to: string;
    subject: string;
    text: string;
    status: string;
    attempts: number;
    lastError: string | null;
  }[];
};
type ListView = { items: { id: string; fullName: string }[] };

async function candidateMessages(candidateId: string): Promise<MessagesView['messages']> {
  const response = await apps.notifications.inject({
    method: 'GET',
    url: `/candidates/${candidateId}/notifications`,
    as: 'recruiter',
  });
  expect(response.statusCode).toBe(200);
  return response.json<MessagesView>().messages;
}

async function listedName(candidateId: string): Promise<string | undefined> {
  const response = await apps.candidates.inject({
    method: 'GET',
    url: '/candidates?jobId=job-personal-data',
    as: 'recruiter',
  });
  expect(response.statusCode).toBe(200);
  return response.json<ListView>().items.find(({ id }) => id === candidateId)?.fullName;
}

/** Every kept row about the candidate, as the text PostgreSQL holds. */
async function rawRows(candidateId: string): Promise<string[]> {
  const outbox = await apps.notifications.app
    .get(ReadModelDatabase)
    .query<{ kept: string }>(
      `select row_to_json(o)::text as kept from notifications.outbox o where candidate_id = $1`,
      [candidateId],
    );
  const builds = apps.candidates.app.get(ProjectionBuilds);
  const live = (await builds.all()).find(
    ({ name, status }) => name === 'candidate-list' && status === 'live',
  );
  if (live === undefined) throw new Error('the candidate list has no live build');
  const { candidates } = builds.tablesOf(live, ['candidates']);
  const list = await apps.candidates.app
    .get(ReadModelDatabase)
    .query<{ kept: string }>(
      `select row_to_json(c)::text as kept from ${candidates} c where id = $1`,
      [candidateId],
    );
  return [...outbox.rows, ...list.rows].map(({ kept }) => kept);
}

describe("a candidate's personal data in the notifications outbox and the candidate list", () => {
  it('is kept sealed, shown opened, and after the erasure lists [erased] and is never sent', async () => {
    const personId = randomUUID();
    const registered = await apps.candidates.inject({
      method: 'POST',
      url: '/candidates',
      payload: { ...ADA, personId, jobId: 'job-personal-data', source: 'referral' },
      as: 'recruiter',
    });
    expect(registered.statusCode).toBe(201);
    const candidateId = registered.json<{ id: string }>().id;

    const [pending] = await eventually(
      'the application message tried once',
      async () => {
        const messages = await candidateMessages(candidateId);
        return messages[0]?.attempts >= 1 ? messages : undefined;
      },
      30_000,
    );
    expect(pending).toMatchObject({
      kind: 'application-received',
      to: ADA.email,
      status: 'pending',
    });
    expect(pending.text).toContain(`Dear ${ADA.fullName}`);
    expect(await listedName(candidateId)).toBe(ADA.fullName);

    const rows = await rawRows(candidateId);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      for (const plain of [ADA.fullName, 'Lovelace', ADA.email, ADA.phone]) {
        expect(row).not.toContain(plain);
      }
    }

    await apps.candidates.app.get(PersonalDataVault).erasePerson(personId);

    expect(await listedName(candidateId)).toBe(ERASED_VALUE);
    const [givenUp] = await eventually(
      'the pending message given up',
      async () => {
        const messages = await candidateMessages(candidateId);
        return messages[0]?.status === 'failed' ? messages : undefined;
      },
      30_000,
    );
    expect(givenUp).toMatchObject({
      kind: 'application-received',
      to: ERASED_VALUE,
      subject: ERASED_VALUE,
      text: ERASED_VALUE,
      lastError: ERASED_BEFORE_SENDING,
    });
  });
});
