import { createHash } from 'node:crypto';

/*
 * The Merkle tree an anchor signs the root of (SHA-256, with RFC 6962's
 * domain separation so a leaf can never pass for a node):
 * - leaf = sha256(0x00 ‖ UTF-8 of JSON.stringify([streamName, revision, hash]))
 *   with the revision as a decimal string and the head's hash (hex) or null
 *   for a stream written before the chain;
 * - node = sha256(0x01 ‖ left ‖ right), over the 32-byte digests;
 * - leaves in the order given (anchors sort them by stream name); a level of
 *   odd length carries its last node up unchanged (nothing is duplicated, so
 *   two leaf lists never share a root).
 */

/** A stream's last event as an anchor records it. */
export type AnchoredLeaf = Readonly<{ streamName: string; revision: bigint; hash: string | null }>;

/** One step from a leaf to the root: the sibling's digest (hex) and on which side it sits. */
export type ProofStep = Readonly<{ side: 'left' | 'right'; hash: string }>;

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part);
  return digest.digest();
};

export function leafDigest(leaf: AnchoredLeaf): Buffer {
  const encoded = JSON.stringify([leaf.streamName, leaf.revision.toString(), leaf.hash]);
  return sha256(Buffer.of(0), Buffer.from(encoded, 'utf8'));
}

function nodeDigest(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(Buffer.of(1), left, right);
}

function levelsOf(leaves: readonly AnchoredLeaf[]): Buffer[][] {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const levels = [leaves.map(leafDigest)];
  for (let level = levels[0]; level.length > 1; level = levels.at(-1)!) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? nodeDigest(level[i], level[i + 1]) : level[i]);
    }
    levels.push(next);
  }
  return levels;
}

/** The root (hex) over the leaves, in their order. */
export function merkleRoot(leaves: readonly AnchoredLeaf[]): string {
  return levelsOf(leaves).at(-1)![0].toString('hex');
}

/** The steps from the leaf at `index` to the root. */
export function merkleProof(leaves: readonly AnchoredLeaf[], index: number): ProofStep[] {
  return merkleProofs(leaves, [index])[0];
}

/** The steps from each leaf at `indexes` to the root, in order, the tree built once. */
export function merkleProofs(
  leaves: readonly AnchoredLeaf[],
  indexes: readonly number[],
): ProofStep[][] {
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
      throw new RangeError(`no leaf ${index} among ${leaves.length}`);
    }
  }
  const levels = levelsOf(leaves).slice(0, -1);
  return indexes.map((index) => {
    const steps: ProofStep[] = [];
    let at = index;
    for (const level of levels) {
      const sibling = at % 2 === 0 ? at + 1 : at - 1;
      if (sibling < level.length) {
        steps.push({ side: at % 2 === 0 ? 'right' : 'left', hash: level[sibling].toString('hex') });
      }
      at = Math.floor(at / 2);
    }
    return steps;
  });
}

/** The root a leaf and its proof lead to (hex); compare it with the signed root. */
export function rootOfProof(leaf: AnchoredLeaf, proof: readonly ProofStep[]): string {
  let digest = leafDigest(leaf);
  for (const step of proof) {
    if (!/^[0-9a-f]{64}$/.test(step.hash)) throw new Error('a proof step is not a SHA-256 digest');
    const sibling = Buffer.from(step.hash, 'hex');
    digest = step.side === 'left' ? nodeDigest(sibling, digest) : nodeDigest(digest, sibling);
  }
  return digest.toString('hex');
}
