import { Type } from '@sinclair/typebox';
import {
  EventCatalog,
  candidateRegisteredContract,
  eventContract,
  hirestreamEventCatalog,
  singleLineText,
  type EventContract,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import {
  dataKeyId,
  decryptPersonalData,
  encryptPersonalData,
  ERASED_VALUE,
  keyIdsIn,
  type DataKey,
  type DataKeyring,
  type OpenedData,
} from '@hirestream/personal-data';
import { randomBytes } from 'node:crypto';
import {
  fromCloudEventMessage,
  MalformedMessageError,
  sealedDataOf,
  toCloudEventMessage,
  UntrustedMessageError,
  type IncomingKafkaMessage,
} from './cloud-event-headers';

const recorded: RecordedEvent = {
  event: {
    type: 'CandidateRegistered',
    data: {
      candidateId: '5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d',
      personId: '7e6d5c4b-3a2f-4e1d-8c0b-9a8f7e6d5c4b',
      fullName: 'Grace Hopper',
      email: 'grace@example.org',
      phone: null,
      jobId: 'job-1',
      source: 'careers-site',
      resumeRef: null,
    },
  },
  metadata: {
    eventId: '0b6c2c8e-5d0f-4e55-9a62-3f8e0f1d2a10',
    occurredAt: '2026-11-22T10:00:00.000Z',
    actor: { id: 'recruiter-1', role: 'recruiter' },
    correlationId: 'corr-1',
    causationId: 'cause-1',
    schemaVersion: 1,
  },
  streamName: 'candidate-5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d',
  revision: 12345678901234567n,
  position: 99n,
};

const CANDIDATE_ID = '5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d';

describe('CloudEvents mapping', () => {
  const catalog = new EventCatalog([candidateRegisteredContract]);
  const message = toCloudEventMessage('candidates', candidateRegisteredContract, recorded);
  /** The relay's message as a consumer of the candidates topic receives it, with `changes` applied. */
  const received = (changes: Partial<IncomingKafkaMessage> = {}): IncomingKafkaMessage => ({
    topic: 'hirestream.candidates.events',
    key: message.key,
    headers: message.headers,
    value: message.value,
    ...changes,
  });

  it('keys the message by candidate id and carries the CloudEvents attributes as headers', () => {
    expect(message.key).toBe('5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d');
    expect(message.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: recorded.metadata.eventId,
      ce_source: '/hirestream/candidates',
      ce_type: 'hirestream.candidates.CandidateRegistered.v1',
      ce_subject: '5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d',
      ce_time: '2026-11-22T10:00:00.000Z',
      'content-type': 'application/json',
      ce_correlationid: 'corr-1',
      ce_causationid: 'cause-1',
      ce_actorid: 'recruiter-1',
      ce_actorrole: 'recruiter',
      ce_streamrevision: '12345678901234567',
    });
    expect(message.headers).not.toHaveProperty('ce_datakeyids');
    expect(JSON.parse(message.value)).toEqual(recorded.event.data);
    expect(message.timestamp).toBe(String(Date.parse('2026-11-22T10:00:00.000Z')));
  });

  it('reads back what it wrote, from raw buffers as a plain Kafka client sees them', () => {
    const headers = Object.fromEntries(
      Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)]),
    );
    const event = fromCloudEventMessage(
      catalog,
      received({ key: Buffer.from(message.key), headers, value: Buffer.from(message.value) }),
    );
    expect(event).toEqual({
      id: recorded.metadata.eventId,
      type: 'CandidateRegistered',
      schemaVersion: 1,
      source: '/hirestream/candidates',
      subject: '5a1e9c2d-7b3f-4e8a-9c0d-1e2f3a4b5c6d',
      time: '2026-11-22T10:00:00.000Z',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: { id: 'recruiter-1', role: 'recruiter' },
      data: recorded.event.data,
    });
  });

  it('upcasts data published under an older schema version', () => {
    const v2: EventContract = {
      ...candidateRegisteredContract,
      schemaVersion: 2,
      schema: Type.Object({
        ...candidateRegisteredContract.schema.properties,
        tags: Type.Array(Type.String()),
      }),
      upcasters: [{ fromVersion: 1, upcast: (data) => ({ ...data, tags: [] }) }],
    };
    const event = fromCloudEventMessage(
      new EventCatalog([v2]),
      received({ value: JSON.parse(message.value) }),
    );
    expect(event.schemaVersion).toBe(2);
    expect(event.data).toEqual({ ...recorded.event.data, tags: [] });
  });

  it.each([
    [
      'a missing header',
      { ...message.headers, ce_id: undefined },
      message.value,
      /ce_id is missing/,
    ],
    [
      'another spec version',
      { ...message.headers, ce_specversion: '0.3' },
      message.value,
      /specversion/,
    ],
    [
      'a foreign type',
      { ...message.headers, ce_type: 'com.example.Thing' },
      message.value,
      /not a hirestream event type/,
    ],
    [
      'a newer version',
      { ...message.headers, ce_type: 'hirestream.candidates.CandidateRegistered.v9' },
      message.value,
      /v9/,
    ],
    [
      'an unknown role',
      { ...message.headers, ce_actorrole: 'pirate' },
      message.value,
      /not a known role/,
    ],
    ['data that is not JSON', message.headers, 'not json', /not valid JSON/],
    ['data that is not an object', message.headers, '[1,2]', /not a JSON object/],
    [
      'data that breaks the schema',
      message.headers,
      JSON.stringify({ ...recorded.event.data, email: 'not-an-email' }),
      /email must match format "email"/,
    ],
  ])('refuses %s as malformed', (_case, headers, value, reason) => {
    const read = () => fromCloudEventMessage(catalog, received({ headers, value }));
    expect(read).toThrow(MalformedMessageError);
    expect(read).toThrow(reason);
  });

  describe('accepts only what the owner of the topic published', () => {
    const cancellation = JSON.stringify({
      candidateId: CANDIDATE_ID,
      interviewId: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
      reason: 'withdrew',
    });
    const OTHER_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';

    it('reads a scheduling event on the scheduling topic', () => {
      const event = fromCloudEventMessage(hirestreamEventCatalog, {
        topic: 'hirestream.scheduling.events',
        key: CANDIDATE_ID,
        headers: {
          ...message.headers,
          ce_type: 'hirestream.scheduling.InterviewCancelled.v1',
          ce_source: '/hirestream/scheduling',
        },
        value: cancellation,
      });
      expect(event).toMatchObject({ type: 'InterviewCancelled', source: '/hirestream/scheduling' });
    });

    it.each([
      [
        'a topic that is no service events topic',
        received({ topic: 'candidates-feed' }),
        /topic candidates-feed is not a service's events topic/,
      ],
      [
        "another service's source",
        received({ headers: { ...message.headers, ce_source: '/hirestream/scheduling' } }),
        /ce_source \/hirestream\/scheduling is not \/hirestream\/candidates, the only source of hirestream\.candidates\.events/,
      ],
      [
        'a type claiming another service',
        received({
          headers: { ...message.headers, ce_type: 'hirestream.scheduling.InterviewCancelled.v1' },
          value: cancellation,
        }),
        /ce_type names the service scheduling, but hirestream\.candidates\.events carries only events of candidates/,
      ],
      [
        "another service's event type under the topic owner's name",
        received({
          headers: { ...message.headers, ce_type: 'hirestream.candidates.InterviewCancelled.v1' },
          value: cancellation,
        }),
        /InterviewCancelled is owned by scheduling, so candidates cannot publish it on hirestream\.candidates\.events/,
      ],
      [
        "a key other than the event's candidate",
        received({ key: OTHER_ID }),
        new RegExp(`message key ${OTHER_ID} is not the event's candidateId ${CANDIDATE_ID}`),
      ],
      ['a message without a key', received({ key: null }), /the message has no key/],
      [
        "a subject other than the event's candidate",
        received({ headers: { ...message.headers, ce_subject: OTHER_ID } }),
        new RegExp(`ce_subject ${OTHER_ID} is not the message key ${CANDIDATE_ID}`),
      ],
    ])('refuses %s as untrusted', (_case, incoming, reason) => {
      const read = () => fromCloudEventMessage(hirestreamEventCatalog, incoming);
      expect(read).toThrow(UntrustedMessageError);
      expect(read).toThrow(reason);
    });

    it('refuses an event that is about no candidate', () => {
      const jobOpened = eventContract({
        type: 'JobOpened',
        owner: 'candidates',
        description: 'A job opened.',
        schemaVersion: 1,
        data: { title: singleLineText(100) },
      });
      const read = () =>
        fromCloudEventMessage(
          new EventCatalog([jobOpened]),
          received({
            headers: { ...message.headers, ce_type: 'hirestream.candidates.JobOpened.v1' },
            value: JSON.stringify({ title: 'Engineer' }),
          }),
        );
      expect(read).toThrow(UntrustedMessageError);
      expect(read).toThrow(
        /JobOpened has no candidateId; only per-candidate events travel on Kafka/,
      );
    });
  });

  describe('with personal values sealed, as the relay publishes them', () => {
    const keyId = dataKeyId('candidate', CANDIDATE_ID);
    const key: DataKey = { keyId, secret: randomBytes(32) };
    const eventId = recorded.metadata.eventId;
    const plain = { ...recorded.event.data, phone: '+44 20 7946 0958' };
    const sealed = encryptPersonalData(
      plain,
      candidateRegisteredContract.personalData!,
      key,
      eventId,
    );
    const sealedMessage = toCloudEventMessage('candidates', candidateRegisteredContract, {
      ...recorded,
      event: { type: 'CandidateRegistered', data: sealed },
    });
    const receivedSealed = (value: unknown = sealedMessage.value) =>
      received({ headers: sealedMessage.headers, value });
    /** What the service's vault gives for the message: its data opened with `keyring`. */
    const openedWith = (keyring: DataKeyring, value?: unknown): OpenedData => {
      const stored = sealedDataOf(receivedSealed(value));
      return {
        ...decryptPersonalData(stored.data, stored.eventId, keyring),
        keyIds: [...keyIdsIn(stored.data)],
      };
    };

    it('publishes the values sealed and names their data key in ce_datakeyids', () => {
      expect(sealedMessage.headers.ce_datakeyids).toBe(keyId);
      for (const value of ['Grace Hopper', 'grace@example.org', '7946']) {
        expect(sealedMessage.value).not.toContain(value);
      }
      expect(JSON.parse(sealedMessage.value)).toMatchObject({
        candidateId: CANDIDATE_ID,
        fullName: { $enc: 'v1', kid: keyId },
        email: { $enc: 'v1', kid: keyId },
        phone: { $enc: 'v1', kid: keyId },
      });
    });

    it('reads the data opened by the vault, plain, with the keys it used', () => {
      const stored = sealedDataOf(receivedSealed(Buffer.from(sealedMessage.value)));
      expect(stored).toEqual({ eventId, data: JSON.parse(sealedMessage.value) });
      const event = fromCloudEventMessage(
        catalog,
        receivedSealed(),
        openedWith(new Map([[keyId, key]])),
      );
      expect(event.data).toEqual(plain);
      expect(event.personalData).toEqual({ keyIds: [keyId], erasedPaths: [] });
    });

    it('reads erased values as [erased], left out of the schema check, and says which they are', () => {
      const event = fromCloudEventMessage(
        catalog,
        receivedSealed(),
        openedWith(new Map([[keyId, null]])),
      );
      expect(event.data).toMatchObject({
        fullName: ERASED_VALUE,
        email: ERASED_VALUE,
        phone: ERASED_VALUE,
      });
      expect(event.personalData).toEqual({
        keyIds: [keyId],
        erasedPaths: ['/fullName', '/email', '/phone'],
      });
      // Only a value the vault found erased is excused: the same text sent plain breaks the schema.
      const typedIn = { ...plain, email: ERASED_VALUE };
      expect(() =>
        fromCloudEventMessage(catalog, received({ value: JSON.stringify(typedIn) })),
      ).toThrow(/email must match format "email"/);
    });

    it('refuses sealed data that no vault opened, naming its keys', () => {
      const read = () => fromCloudEventMessage(catalog, receivedSealed());
      expect(read).toThrow(MalformedMessageError);
      expect(read).toThrow(
        `data holds personal values sealed under ${keyId}, and no personal-data vault opened them`,
      );
    });
  });
});
