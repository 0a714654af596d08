import { Type, type Static } from '@sinclair/typebox';
import type { OtherTopic } from '../core/asyncapi-document';
import { cloudEventSource } from '../core/naming';

/** Where the audit service publishes every anchor it signs (one partition, in sequence order). */
export const AUDIT_ANCHORS_TOPIC = 'hirestream.audit.anchors';

/** The CloudEvents type of an anchor message. */
export const ANCHOR_EVENT_TYPE = 'hirestream.audit.AnchorSigned.v1';

const sha256Hex = (description: string) => Type.String({ pattern: '^[0-9a-f]{64}$', description });

/**
 * An anchor as published: the Merkle root over the chain heads that changed
 * since the previous anchor, signed with the audit service's Ed25519 key
 * (`statement` is what was signed; see apps/audit/README.md). Kafka keeps a
 * copy apart from EventStoreDB and the audit service's PostgreSQL, so a
 * stream's tail dropped later no longer matches a published root.
 */
export const AnchorMessage = Type.Object(
  {
    sequence: Type.String({ pattern: '^[1-9][0-9]*$', description: 'Anchors are numbered from 1' }),
    anchoredAt: Type.String({ format: 'date-time' }),
    root: sha256Hex('Merkle root (SHA-256) over the anchored heads'),
    leafCount: Type.Integer({ minimum: 1 }),
    previousRoot: Type.Union([sha256Hex("The previous anchor's root"), Type.Null()]),
    keyId: sha256Hex('SHA-256 of the public key (SPKI DER) that signed'),
    statement: Type.String({
      description: 'The signed text: hirestream-anchor-v1 and the fields above',
    }),
    signature: Type.String({
      contentEncoding: 'base64',
      description: 'Ed25519 over the statement',
    }),
  },
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:hirestream:audit:anchor:1',
    title: 'AuditAnchor',
    additionalProperties: false,
  },
);
export type AnchorMessage = Static<typeof AnchorMessage>;

/** The headers of an anchor message (CloudEvents binary mode). */
const ANCHOR_HEADERS = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'content-type'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', description: 'audit-anchor-<sequence>' },
    ce_source: { type: 'string', const: cloudEventSource('audit') },
    ce_type: { type: 'string', const: ANCHOR_EVENT_TYPE },
    ce_time: { type: 'string', format: 'date-time' },
    'content-type': { type: 'string', const: 'application/json' },
  },
} as const;

/** The anchors topic as the AsyncAPI document describes it. */
export const AUDIT_ANCHORS_TOPIC_DOCUMENT: OtherTopic = {
  channel: 'audit-anchors',
  address: AUDIT_ANCHORS_TOPIC,
  description:
    'Every anchor the audit service signs, in sequence: keep a copy apart from hirestream to prove later that no stream lost its tail (see apps/audit/README.md)',
  message: {
    name: 'AuditAnchor',
    title: ANCHOR_EVENT_TYPE,
    summary: 'The signed Merkle root over the chain heads that moved since the previous anchor',
    headers: ANCHOR_HEADERS,
    payload: AnchorMessage,
    key: 'the anchor sequence',
  },
};
