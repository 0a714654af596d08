import { Type, type Static } from '@sinclair/typebox';

const sha256Hex = () => Type.String({ pattern: '^[0-9a-f]{64}$' });
const revision = () => Type.String({ pattern: '^(0|[1-9][0-9]*)$' });
const publicKey = () => Type.String({ pattern: '^-----BEGIN PUBLIC KEY-----\\n' });

/** The anchor covering the stream's events, with the proof that it anchored this head. */
export const BundledAnchor = Type.Object(
  {
    sequence: Type.String({ pattern: '^[1-9][0-9]*$' }),
    anchoredAt: Type.String(),
    root: sha256Hex(),
    leafCount: Type.Integer({ minimum: 1 }),
    previousRoot: Type.Union([sha256Hex(), Type.Null()]),
    keyId: sha256Hex(),
    publicKey: publicKey(),
    statement: Type.String(),
    signature: Type.String(),
    head: Type.Object(
      {
        streamName: Type.String(),
        revision: revision(),
        hash: Type.Union([sha256Hex(), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    proof: Type.Array(
      Type.Object(
        { side: Type.Union([Type.Literal('left'), Type.Literal('right')]), hash: sha256Hex() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type BundledAnchor = Static<typeof BundledAnchor>;

/** `manifest.json` of an export bundle; `manifest.sig` is the Ed25519 signature of its bytes. */
export const BundleManifest = Type.Object(
  {
    format: Type.Literal('hirestream-audit-bundle-v1'),
    streamName: Type.String({ minLength: 1 }),
    exportedAt: Type.String(),
    events: Type.Object(
      {
        file: Type.Literal('events.jsonl'),
        count: Type.Integer({ minimum: 1 }),
        sha256: sha256Hex(),
        firstRevision: revision(),
        lastRevision: revision(),
      },
      { additionalProperties: false },
    ),
    /** The last event's revision and the chain hash stored with it (null: written before the chain). */
    head: Type.Object(
      { revision: revision(), hash: Type.Union([sha256Hex(), Type.Null()]) },
      { additionalProperties: false },
    ),
    /** The events by type and the schema version they were stored at. */
    schemaVersions: Type.Array(
      Type.Object(
        {
          type: Type.String(),
          schemaVersion: Type.Integer({ minimum: 0 }),
          events: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
    /** Every service's state at the end, as the audit service gathered it. */
    state: Type.Object(
      { file: Type.Literal('state.json'), sha256: sha256Hex() },
      { additionalProperties: false },
    ),
    /** The latest anchor covering the stream, or null when none does yet. */
    anchor: Type.Union([BundledAnchor, Type.Null()]),
    /** The key that signed the manifest. */
    signedBy: Type.Object(
      { keyId: sha256Hex(), publicKey: publicKey() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type BundleManifest = Static<typeof BundleManifest>;
