import { Type, type Static } from '@sinclair/typebox';

/** Where the audit service publishes every anchor it signs (one partition, in sequence order). */
export const AUDIT_ANCHORS_TOPIC = 'hirestream.audit.anchors';

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
