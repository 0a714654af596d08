/** What an anchor says: its place in the sequence, when, and the root over the heads it anchors. */
export type AnchorFields = Readonly<{
  sequence: bigint;
  anchoredAt: string;
  root: string;
  leafCount: number;
  /** The root of the anchor before it (anchors chain too), or null for the first. */
  previousRoot: string | null;
}>;

/**
 * The exact text an anchor's Ed25519 signature covers (UTF-8), one field a line:
 *
 *     hirestream-anchor-v1
 *     sequence=12
 *     anchoredAt=2030-05-06T09:00:00.000Z
 *     root=<64 hex>
 *     leafCount=3
 *     previousRoot=<64 hex, or "none">
 */
export function anchorStatement(anchor: AnchorFields): string {
  return [
    'hirestream-anchor-v1',
    `sequence=${anchor.sequence}`,
    `anchoredAt=${anchor.anchoredAt}`,
    `root=${anchor.root}`,
    `leafCount=${anchor.leafCount}`,
    `previousRoot=${anchor.previousRoot ?? 'none'}`,
  ].join('\n');
}
