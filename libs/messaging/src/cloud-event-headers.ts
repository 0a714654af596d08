import type { Actor, EventCatalog, EventContract } from '@hirestream/contracts';
import {
  ACTOR_ROLES,
  candidateIdOfStream,
  cloudEventSource,
  cloudEventType,
} from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';

/*
 * CloudEvents 1.0 in Kafka's binary content mode: attributes are `ce_`-prefixed
 * headers, the data is the message value (JSON), the key is the candidate id.
 * hirestream's extension attributes: correlationid, causationid, actorid,
 * actorrole, streamrevision.
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
  data: Readonly<Record<string, unknown>>;
}>;

/** A message that is not a hirestream CloudEvent this build can read; it will never succeed. */
export class MalformedMessageError extends Error {
  constructor(reason: string) {
    super(`malformed event message: ${reason}`);
    this.name = 'MalformedMessageError';
  }
}

export function toCloudEventMessage(
  service: string,
  contract: EventContract,
  recorded: RecordedEvent,
): OutgoingKafkaMessage {
  const subject = candidateIdOfStream(recorded.streamName) ?? recorded.streamName;
  const { metadata } = recorded;
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
    },
  };
}

const CLOUD_EVENT_TYPE = /^hirestream\.([a-z-]+)\.([A-Za-z]+)\.v(\d+)$/;

type HeaderValue = string | Buffer | (string | Buffer)[] | undefined | null;

function header(headers: Readonly<Record<string, HeaderValue>>, name: string): string {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value.length === 0) {
    throw new MalformedMessageError(`header ${name} is missing`);
  }
  return value.toString();
}

/** Reads a message written by `toCloudEventMessage` (of this or an older version). */
export function fromCloudEventMessage(
  catalog: EventCatalog,
  headers: Readonly<Record<string, HeaderValue>>,
  value: unknown,
): IncomingEvent {
  if (header(headers, 'ce_specversion') !== '1.0') {
    throw new MalformedMessageError('ce_specversion is not 1.0');
  }
  const ceType = header(headers, 'ce_type');
  const match = CLOUD_EVENT_TYPE.exec(ceType);
  if (match === null)
    throw new MalformedMessageError(`ce_type ${ceType} is not a hirestream event type`);
  const [, , type, version] = match;
  const data =
    typeof value === 'string' || Buffer.isBuffer(value) ? parseJson(value.toString()) : value;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new MalformedMessageError('data is not a JSON object');
  }
  const actorRole = header(headers, 'ce_actorrole');
  if (!(ACTOR_ROLES as readonly string[]).includes(actorRole)) {
    throw new MalformedMessageError(`ce_actorrole ${actorRole} is not a known role`);
  }
  let upcast: Readonly<Record<string, unknown>>;
  try {
    upcast = catalog.upcast(type, Number(version), data as Record<string, unknown>);
  } catch (error) {
    throw new MalformedMessageError(error instanceof Error ? error.message : String(error));
  }
  const problems = catalog.schemaProblems(type, upcast);
  if (problems.length > 0) {
    throw new MalformedMessageError(
      `${type} does not match its schema: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
  return {
    id: header(headers, 'ce_id'),
    type,
    schemaVersion: catalog.contractOf(type)?.schemaVersion ?? Number(version),
    source: header(headers, 'ce_source'),
    subject: header(headers, 'ce_subject'),
    time: header(headers, 'ce_time'),
    correlationId: header(headers, 'ce_correlationid'),
    causationId: header(headers, 'ce_causationid'),
    actor: { id: header(headers, 'ce_actorid'), role: actorRole as Actor['role'] },
    data: upcast,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedMessageError('data is not valid JSON');
  }
}
