import { BundledAnchor } from '@hirestream/event-sourcing';
import { Type, type Static } from '@sinclair/typebox';

/** A stream's latest anchored head, as an export bundle carries it too. */
export const StreamAnchorView = Type.Object(BundledAnchor.properties, {
  title: 'AuditStreamAnchor',
  additionalProperties: false,
  description:
    'The anchor (its signed statement, Ed25519 signature and public key), the stream head it anchored and the Merkle proof from that head to its root',
});
export type StreamAnchorView = Static<typeof StreamAnchorView>;

export const PublicKeyView = Type.Object(
  {
    algorithm: Type.Literal('Ed25519'),
    keyId: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the SPKI DER' }),
    publicKey: Type.String({ description: 'SPKI PEM' }),
  },
  { title: 'AuditPublicKey', additionalProperties: false },
);
export type PublicKeyView = Static<typeof PublicKeyView>;

const ANCHORED_HEAD_PLACE = '^[1-9][0-9]{0,17}\\.(0|[1-9][0-9]{0,8})$';

export const AnchoredHeadsQuery = Type.Object(
  {
    after: Type.Optional(
      Type.String({
        pattern: ANCHORED_HEAD_PLACE,
        description: 'The `next` of the page before: `<anchor sequence>.<leaf index>`',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1_000 }),
  },
  { additionalProperties: false },
);
export type AnchoredHeadsQuery = Static<typeof AnchoredHeadsQuery>;

const { head, proof, ...signed } = BundledAnchor.properties;

export const AnchoredHeadsView = Type.Object(
  {
    anchors: Type.Array(
      Type.Object(signed, {
        title: 'AuditSignedAnchor',
        additionalProperties: false,
        description: 'An anchor as signed: its statement, Ed25519 signature and public key',
      }),
      { description: 'The anchors holding the heads of this page, each once' },
    ),
    heads: Type.Array(
      Type.Object(
        { sequence: signed.sequence, head, proof },
        {
          title: 'AuditAnchoredHead',
          additionalProperties: false,
          description:
            "A stream's latest anchored head, its anchor and its Merkle proof to the anchor's root",
        },
      ),
      { description: 'In anchor and leaf order; a stream at most once, at its latest anchor' },
    ),
    next: Type.Union([Type.String({ pattern: ANCHORED_HEAD_PLACE }), Type.Null()], {
      description: 'The `after` of the next page; null on the last',
    }),
  },
  { title: 'AuditAnchoredHeads', additionalProperties: false },
);
export type AnchoredHeadsView = Static<typeof AnchoredHeadsView>;
