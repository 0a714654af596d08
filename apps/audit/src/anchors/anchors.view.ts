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
