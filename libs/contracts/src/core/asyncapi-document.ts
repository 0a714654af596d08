import type { EventCatalog } from './event-catalog';
import { cloudEventSource, cloudEventType, serviceEventsTopic } from './naming';
import { PERSONAL_KEYWORD } from './personal-data';

/** The headers every hirestream message carries (CloudEvents binary mode plus our extensions). */
const MESSAGE_HEADERS = {
  type: 'object',
  required: [
    'ce_specversion',
    'ce_id',
    'ce_source',
    'ce_type',
    'ce_subject',
    'ce_time',
    'content-type',
    'ce_correlationid',
    'ce_causationid',
    'ce_actorid',
    'ce_actorrole',
    'ce_streamrevision',
  ],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'Event id; consumers de-duplicate by it' },
    ce_source: { type: 'string', description: '/hirestream/<service>' },
    ce_type: { type: 'string', description: 'hirestream.<service>.<EventType>.v<schemaVersion>' },
    ce_subject: { type: 'string', description: 'Candidate id (also the message key)' },
    ce_time: { type: 'string', format: 'date-time' },
    ce_dataschema: { type: 'string' },
    'content-type': { type: 'string', const: 'application/json' },
    ce_correlationid: { type: 'string' },
    ce_causationid: { type: 'string' },
    ce_actorid: { type: 'string' },
    ce_actorrole: { type: 'string' },
    ce_streamrevision: {
      type: 'string',
      description: 'Revision of the event in its candidate stream',
    },
    ce_datakeyids: {
      type: 'string',
      description:
        'The data keys the personal values in the data are sealed under, comma-separated (candidate:<candidateId>); absent when it holds none',
    },
  },
} as const;

const SEALED_VALUE_SCHEMA = 'SealedPersonalValue';

/** A personal value as Kafka carries it: encrypted under its data subject's key (@hirestream/personal-data). */
const SEALED_VALUE = {
  type: 'object',
  description:
    "A personal value encrypted with AES-256-GCM under the data key kid, bound to the event id (ce_id) and the value's JSON Pointer. An authorized subscriber has it opened by POST /personal-data/openings of the candidates service.",
  required: ['$enc', 'kid', 'iv', 'ct', 'tag'],
  additionalProperties: false,
  properties: {
    $enc: { type: 'string', const: 'v1' },
    kid: { type: 'string', description: 'The data key: candidate:<candidateId>, interviewer:<id>' },
    iv: { type: 'string', description: '12 random bytes, base64url' },
    ct: { type: 'string', description: "The ciphertext of the value's JSON, base64url" },
    tag: { type: 'string', description: "GCM's 16-byte authentication tag, base64url" },
  },
} as const;

/**
 * An event's schema as its data travels on Kafka: each field marked personal
 * holds a sealed value instead (or null, where the field may be null).
 */
function sealedPayloadSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const node = schema as Readonly<Record<string, unknown>>;
  if (node[PERSONAL_KEYWORD] === true) {
    const sealed = { $ref: `#/components/schemas/${SEALED_VALUE_SCHEMA}` };
    const nullable = Array.isArray(node.type) && node.type.includes('null');
    return {
      [PERSONAL_KEYWORD]: true,
      ...(node.description === undefined ? {} : { description: node.description }),
      ...(nullable ? { oneOf: [sealed, { type: 'null' }] } : sealed),
    };
  }
  const properties = node.properties as Readonly<Record<string, unknown>> | undefined;
  return {
    ...node,
    ...(properties === undefined
      ? {}
      : {
          properties: Object.fromEntries(
            Object.entries(properties).map(([name, inner]) => [name, sealedPayloadSchema(inner)]),
          ),
        }),
    ...(node.items === undefined ? {} : { items: sealedPayloadSchema(node.items) }),
  };
}

/** A consumer group and the services whose topics it consumes (each with its dead-letter topic). */
export type TopicSubscription = Readonly<{ group: string; owners: readonly string[] }>;

/** A topic published besides the services' event topics, with its one kind of message. */
export type OtherTopic = Readonly<{
  /** The channel's id in the document. */
  channel: string;
  address: string;
  description: string;
  message: Readonly<{
    name: string;
    title: string;
    summary: string;
    headers: unknown;
    payload: unknown;
    /** What the Kafka key holds. */
    key: string;
  }>;
}>;

const DEAD_LETTER_DESCRIPTION =
  "A message the group refused (malformed, or not published by the topic's owner) or failed to handle after its retries, published with its original key, value and headers plus dlq_original_topic, dlq_original_partition, dlq_original_offset, dlq_consumer_group, dlq_attempts, dlq_error and dlq_failed_at. Nothing in hirestream reads it: watch it, fix the cause, republish by hand.";

/**
 * The event catalog as an AsyncAPI 3.0 document: one channel per service topic,
 * one message per event type; with `subscriptions`, each consumer group's
 * `receive` of the topics it consumes and the dead-letter channel of each
 * (`<topic>.<group>.dead-letter`); with `otherTopics`, the topics published
 * besides (the audit service's anchors).
 */
export function asyncApiDocument(
  catalog: EventCatalog,
  version: string,
  subscriptions: readonly TopicSubscription[] = [],
  otherTopics: readonly OtherTopic[] = [],
): Record<string, unknown> {
  const owners = [...new Set(catalog.contracts.map((c) => c.owner))].sort();
  const messages = Object.fromEntries([
    ...otherTopics.map(({ message: { key, ...message } }) => [
      message.name,
      {
        ...message,
        contentType: 'application/json',
        bindings: { kafka: { key: { type: 'string', description: key } } },
      },
    ]),
    ...catalog.contracts.map((contract) => [
      contract.type,
      {
        name: contract.type,
        title: cloudEventType(contract),
        summary: contract.description,
        contentType: 'application/json',
        headers: MESSAGE_HEADERS,
        payload: sealedPayloadSchema(contract.schema),
        bindings: { kafka: { key: { type: 'string', description: 'candidate id' } } },
      },
    ]),
  ]);
  const messagesOf = (owner: string) =>
    Object.fromEntries(
      catalog.contracts
        .filter((c) => c.owner === owner)
        .map((c) => [c.type, { $ref: `#/components/messages/${c.type}` }]),
    );
  const consumed = subscriptions.flatMap(({ group, owners: consumedOwners }) =>
    consumedOwners.map((owner) => ({ group, owner, channel: `${owner}-${group}-dead-letter` })),
  );
  const unknown = consumed.find(({ owner }) => !owners.includes(owner));
  if (unknown !== undefined) {
    throw new Error(`group ${unknown.group} consumes ${unknown.owner}, which owns no events`);
  }
  const channels = Object.fromEntries([
    ...owners.map((owner) => [
      owner,
      {
        address: serviceEventsTopic(owner),
        description: `Events the ${owner} service owns, published from ${cloudEventSource(owner)}`,
        messages: messagesOf(owner),
      },
    ]),
    ...otherTopics.map(({ channel, address, description, message }) => [
      channel,
      {
        address,
        description,
        messages: { [message.name]: { $ref: `#/components/messages/${message.name}` } },
      },
    ]),
    ...consumed.map(({ group, owner, channel }) => [
      channel,
      {
        address: `${serviceEventsTopic(owner)}.${group}.dead-letter`,
        description: `Dead letters of consumer group ${group} on ${serviceEventsTopic(owner)}. ${DEAD_LETTER_DESCRIPTION}`,
        messages: messagesOf(owner),
      },
    ]),
  ]);
  const operations = Object.fromEntries([
    ...owners.map((owner) => [
      `publish-${owner}-events`,
      { action: 'send', channel: { $ref: `#/channels/${owner}` } },
    ]),
    ...otherTopics.map(({ channel }) => [
      `publish-${channel}`,
      { action: 'send', channel: { $ref: `#/channels/${channel}` } },
    ]),
    ...consumed.flatMap(({ group, owner, channel }) => [
      [
        `${group}-consumes-${owner}-events`,
        {
          action: 'receive',
          channel: { $ref: `#/channels/${owner}` },
          bindings: { kafka: { groupId: { type: 'string', enum: [group] } } },
        },
      ],
      [
        `${group}-dead-letters-${owner}-events`,
        { action: 'send', channel: { $ref: `#/channels/${channel}` } },
      ],
    ]),
  ]);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'hirestream events',
      version,
      description:
        'Every hiring fact hirestream publishes to Kafka: keyed by candidate id, CloudEvents attributes as headers, JSON data whose personal values are sealed (ce_datakeyids names their keys).',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: { [SEALED_VALUE_SCHEMA]: SEALED_VALUE } },
  };
}
