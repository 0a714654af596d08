import { createHash } from 'node:crypto';
import {
  leafDigest,
  merkleProof,
  merkleProofs,
  merkleRoot,
  rootOfProof,
  type AnchoredLeaf,
} from './merkle-tree';

const leaf = (n: number): AnchoredLeaf => ({
  streamName: `candidate-${n}`,
  revision: BigInt(n),
  hash: n % 3 === 0 ? null : createHash('sha256').update(String(n)).digest('hex'),
});
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

describe('the anchors’ Merkle tree', () => {
  it('hashes leaves and nodes as documented', () => {
    const [a, b, c] = [leaf(1), leaf(2), leaf(3)];
    const encoded = Buffer.from(JSON.stringify(['candidate-3', '3', null]));
    expect(leafDigest(c)).toEqual(sha256(Buffer.of(0), encoded));
    const ab = sha256(Buffer.of(1), leafDigest(a), leafDigest(b));
    // The odd node is carried up unchanged.
    expect(merkleRoot([a, b, c])).toBe(sha256(Buffer.of(1), ab, leafDigest(c)).toString('hex'));
    expect(merkleRoot([a])).toBe(leafDigest(a).toString('hex'));
  });

  it("gives every leaf a proof leading to the root, and none to another leaf's place", () => {
    for (let size = 1; size <= 13; size += 1) {
      const leaves = Array.from({ length: size }, (_, i) => leaf(i));
      const root = merkleRoot(leaves);
      for (let index = 0; index < size; index += 1) {
        const proof = merkleProof(leaves, index);
        expect(rootOfProof(leaves[index], proof)).toBe(root);
        expect(
          rootOfProof({ ...leaves[index], revision: leaves[index].revision + 1n }, proof),
        ).not.toBe(root);
      }
    }
    expect(() => merkleProof([leaf(1)], 1)).toThrow(RangeError);
  });

  it('gives the proofs of several leaves at once, as one by one', () => {
    const leaves = Array.from({ length: 11 }, (_, i) => leaf(i));
    const indexes = [10, 0, 5, 5];
    expect(merkleProofs(leaves, indexes)).toEqual(
      indexes.map((index) => merkleProof(leaves, index)),
    );
    expect(() => merkleProofs(leaves, [0, 11])).toThrow(RangeError);
  });

  it('never gives two different leaf lists one root (no duplicated last node)', () => {
    const three = [leaf(1), leaf(2), leaf(4)];
    expect(merkleRoot(three)).not.toBe(merkleRoot([...three, leaf(4)]));
    expect(merkleRoot(three)).not.toBe(merkleRoot([leaf(2), leaf(1), leaf(4)]));
  });
});
