import type { Actor, EventCatalog, EventContract } from '@hirestream/contracts';
import {
  ACTOR_ROLES,
  candidateIdOfStream,
  cloudEventSource,
  cloudEventType,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import { keyIdsIn, type OpenedData, type StoredData } from '@hirestream/personal-data';

/*
 * CloudEvents 1.0 in Kafka's binary content mode: attributes are `ce_`-prefixed
 * headers, the data is the message value (JSON), the key is the candidate id.
 * hirestream's extension attributes: correlationid, causationid, actorid,
 * actorrole, streamrevision, and datakeyids when the data holds sealed
 * personal values.
 */
export type OutgoingKafkaMessage = {
  key: string;
  value: string;
  headers: Record<string, string>;
  timestamp: string;
};

/** A hirestream event received from Kafka, upcast to the contract this build knows. */
export type IncomingEvent = Readonly<{
  id: string;
  type: string;
  schemaVersion: number;
  source: string;
  subject: string;
  time: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** Plain: personal values opened by the service's vault, an erased one as `[erased]`. */
  data: Readonly<Record<string, unknown>>;
  /**
   * For an event whose data held sealed personal values: the data keys they
   * were sealed under, and the JSON Pointers of those that read as `[erased]`.
   */
  personalData?: Pick<OpenedData, 'keyIds' | 'erasedPaths'>;
}>;

/** A message that is not a hirestream CloudEvent this build can read; it will never succeed. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(`malformed event message: ${reason}`);
    this.name = 'MalformedMessageError';
  }
}

/**
 * A readable event that the owner of its topic did not publish as such: its
 * source, type or candidate id do not fit the topic and the message key. It is
 * never handled; the reason names the check that failed.
 */
export class UntrustedMessageError extends Error {
  constructor(reason: string) {
    super(`untrusted event message: ${reason}`);
    this.name = 'UntrustedMessageError';
  }
}

/**
 * The message of a recorded event as stored (`EventSerializer.fromResolved`):
 * its personal values stay sealed in the value, and `ce_datakeyids` names the
 * data keys they are sealed under (comma-separated; absent when none).
 */
export function toCloudEventMessage(
  service: string,
  contract: EventContract,
  recorded: RecordedEvent,
): OutgoingKafkaMessage {
  const subject = candidateIdOfStream(recorded.streamName) ?? recorded.streamName;
  const { metadata } = recorded;
  const keyIds = keyIdsIn(recorded.event.data);
  return {
    key: subject,
    value: JSON.stringify(recorded.event.data),
    timestamp: String(Date.parse(metadata.occurredAt)),
    headers: {
      ce_specversion: '1.0',
      ce_id: metadata.eventId,
      ce_source: cloudEventSource(service),
      ce_type: cloudEventType(contract),
      ce_subject: subject,
      ce_time: metadata.occurredAt,
      ce_dataschema:
        contract.schema.$id ?? `urn:hirestream:event:${contract.type}:${contract.schemaVersion}`,
      'content-type': 'application/json',
      ce_correlationid: metadata.correlationId,
      ce_causationid: metadata.causationId,
      ce_actorid: metadata.actor.id,
      ce_actorrole: metadata.actor.role,
      ce_streamrevision: recorded.revision.toString(),
      ...(keyIds.size === 0 ? {} : { ce_datakeyids: [...keyIds].join(',') }),
    },
  };
}

const CLOUD_EVENT_TYPE = /^hirestream\.([a-z-]+)\.([A-Za-z]+)\.v(\d+)$/;
const SERVICE_EVENTS_TOPIC = /^hirestream\.([a-z-]+)\.events$/;

export type HeaderValue = string | Buffer | (string | Buffer)[] | undefined | null;

/** A message as read from Kafka: the topic it came from, its key, headers and value. */
export type IncomingKafkaMessage = Readonly<{
  topic: string;
  key: string | Buffer | null;
  headers: Readonly<Record<string, HeaderValue>>;
  value: unknown;
}>;

function header(headers: Readonly<Record<string, HeaderValue>>, name: string): string {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value.length === 0) {
    throw new MalformedMessageError(`header ${name} is missing`);
  }
  return value.toString();
}

/**
 * The message's data as published (its personal values sealed) with its ce_id,
 * which each sealed value is bound to: what the service's vault opens
 * (`vault.openEvents([sealedDataOf(message)])`) before `fromCloudEventMessage`
 * reads it. `MalformedMessageError` for a message without a ce_id or whose
 * value is not a JSON object.
 */
export function sealedDataOf(message: IncomingKafkaMessage): StoredData {
  return { eventId: header(message.headers, 'ce_id'), data: dataOf(message.value) };
}

/**
 * Reads a message written by `toCloudEventMessage` (of this or an older
 * version) and checks that the owner of its topic published it: topic
 * `hirestream.<service>.events` carries only events with ce_source
 * `/hirestream/<service>` and a ce_type `hirestream.<service>.<Type>.v<n>` of a
 * type <service> owns, about the candidate named by the message key (the
 * data's candidateId and ce_subject). Kafka carries only per-candidate events,
 * so an event without a candidateId is refused too.
 *
 * `opened` is the message's data opened by the service's vault (see
 * `sealedDataOf`): it is upcast and checked in place of the value, the values
 * that read as `[erased]` left out of the check. Without it, data holding sealed
 * values is refused: they would not pass as the plain values of the contract.
 */
export function fromCloudEventMessage(
  catalog: EventCatalog,
  message: IncomingKafkaMessage,
  opened?: OpenedData,
): IncomingEvent {
  const { headers } = message;
  if (header(headers, 'ce_specversion') !== '1.0') {
    throw new MalformedMessageError('ce_specversion is not 1.0');
  }
  const ceType = header(headers, 'ce_type');
  const match = CLOUD_EVENT_TYPE.exec(ceType);
  if (match === null)
    throw new MalformedMessageError(`ce_type ${ceType} is not a hirestream event type`);
  const [, typeService, type, version] = match;
  checkPublisher(catalog, message.topic, header(headers, 'ce_source'), typeService, type);

  const data = opened?.data ?? plainDataOf(message.value);
  const actorRole = header(headers, 'ce_actorrole');
  if (!(ACTOR_ROLES as readonly string[]).includes(actorRole)) {
    throw new MalformedMessageError(`ce_actorrole ${actorRole} is not a known role`);
  }
  let upcast: Readonly<Record<string, unknown>>;
  try {
    upcast = catalog.upcast(type, Number(version), data);
  } catch (error) {
    throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
  }
  const erasedFields = new Set(opened?.erasedPaths.map(fieldOfPointer));
  // An erased value reads as "[erased]", which need not pass its field's rules (an e-mail's format).
  const problems = catalog
    .schemaProblems(type, upcast)
    .filter((problem) => !erasedFields.has(problem.field));
  if (problems.length > 0) {
    throw new MalformedMessageError(
      `${type} does not match its schema: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
  const subject = header(headers, 'ce_subject');
  checkCandidate(message.key, subject, type, upcast.candidateId);
  return {
    id: header(headers, 'ce_id'),
    type,
    schemaVersion: catalog.contractOf(type)?.schemaVersion ?? Number(version),
    source: header(headers, 'ce_source'),
    subject,
    time: header(headers, 'ce_time'),
    correlationId: header(headers, 'ce_correlationid'),
    causationId: header(headers, 'ce_causationid'),
    actor: { id: header(headers, 'ce_actorid'), role: actorRole as Actor['role'] },
    data: upcast,
    ...(opened === undefined || opened.keyIds.length === 0
      ? {}
      : { personalData: { keyIds: opened.keyIds, erasedPaths: opened.erasedPaths } }),
  };
}

/** The topic names its owner; source, the type's service and the type's owner must all be that service. */
function checkPublisher(
  catalog: EventCatalog,
  topic: string,
  source: string,
  typeService: string,
  type: string,
): void {
  const owner = SERVICE_EVENTS_TOPIC.exec(topic)?.[1];
  if (owner === undefined) {
    throw new UntrustedMessageError(
      `topic ${topic} is not a service's events topic (hirestream.<service>.events)`,
    );
  }
  if (source !== cloudEventSource(owner)) {
    throw new UntrustedMessageError(
      `ce_source ${source} is not ${cloudEventSource(owner)}, the only source of ${topic}`,
    );
  }
  if (typeService !== owner) {
    throw new UntrustedMessageError(
      `ce_type names the service ${typeService}, but ${topic} carries only events of ${owner}`,
    );
  }
  const contractOwner = catalog.contractOf(type)?.owner;
  if (contractOwner !== undefined && contractOwner !== owner) {
    throw new UntrustedMessageError(
      `${type} is owned by ${contractOwner}, so ${owner} cannot publish it on ${topic}`,
    );
  }
}

/** The key, ce_subject and the data's candidateId all name the same candidate. */
function checkCandidate(
  key: string | Buffer | null,
  subject: string,
  type: string,
  candidateId: unknown,
): void {
  if (key === null || key.length === 0) throw new UntrustedMessageError('the message has no key');
  const keyText = key.toString();
  if (typeof candidateId !== 'string') {
    throw new UntrustedMessageError(
      `${type} has no candidateId; only per-candidate events travel on Kafka`,
    );
  }
  if (candidateId !== keyText) {
    throw new UntrustedMessageError(
      `the message key ${keyText} is not the event's candidateId ${candidateId}`,
    );
  }
  if (subject !== keyText) {
    throw new UntrustedMessageError(`ce_subject ${subject} is not the message key ${keyText}`);
  }
}

/** The message value as a JSON object, parsed when it is text. */
function dataOf(value: unknown): Readonly<Record<string, unknown>> {
  const data =
    typeof value === 'string' || Buffer.isBuffer(value) ? parseJson(value.toString()) : value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MalformedMessageError('data is not a JSON object');
  }
  return data as Readonly<Record<string, unknown>>;
}

/** The message value, which no vault opened: refused when it holds sealed values. */
function plainDataOf(value: unknown): Readonly<Record<string, unknown>> {
  const data = dataOf(value);
  const keyIds = keyIdsIn(data);
  if (keyIds.size > 0) {
    throw new MalformedMessageError(
      `data holds personal values sealed under ${[...keyIds].join(', ')}, and no personal-data vault opened them`,
    );
  }
  return data;
}

/** A JSON Pointer (`/answers/1/answer`) as a schema problem names its field (`answers.1.answer`). */
function fieldOfPointer(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedMessageError('data is not valid JSON');
  }
}
