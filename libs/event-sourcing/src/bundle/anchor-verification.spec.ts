import { generateKeyPairSync } from 'node:crypto';
import { anchorStatement } from './anchor-statement';
import { verifyAnchor, verifyAnchoredHeads } from './anchor-verification';
import type { BundledAnchor } from './bundle-manifest';
import { ed25519Signature, publicKeyInfo } from './ed25519-signatures';
import { merkleProof, merkleRoot } from './merkle-tree';

const { privateKey } = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519').privateKey;
const leaves = [
  { streamName: 'candidate-a', revision: 4n, hash: 'a'.repeat(64) },
  { streamName: 'candidate-b', revision: 0n, hash: null },
  { streamName: 'candidate-c', revision: 9n, hash: 'c'.repeat(64) },
];

/** Leaf `index` of an anchor over `leaves`, signed by `signer`. */
function anchored(index: number, signer = privateKey): BundledAnchor {
  const fields = {
    sequence: 7n,
    anchoredAt: '2030-05-06T09:01:00.000Z',
    root: merkleRoot(leaves),
    leafCount: leaves.length,
    previousRoot: 'f'.repeat(64),
  };
  const statement = anchorStatement(fields);
  const leaf = leaves[index];
  return {
    ...fields,
    sequence: '7',
    ...publicKeyInfo(signer),
    statement,
    signature: ed25519Signature(signer, Buffer.from(statement)),
    head: { ...leaf, revision: leaf.revision.toString() },
    proof: merkleProof(leaves, index),
  };
}

const trustedKeyIds = [publicKeyInfo(privateKey).keyId];

describe('verifyAnchor', () => {
  it('trusts a head whose proof leads to the root the trusted key signed', () => {
    for (const index of [0, 1, 2]) {
      expect(verifyAnchor(anchored(index), { trustedKeyIds })).toEqual({
        trusted: true,
        signature: 'valid',
        statement: 'valid',
        proof: 'valid',
        problems: [],
      });
    }
  });

  it('names a head moved, a statement changed, a signature forged and a key not trusted', () => {
    const anchor = anchored(2);
    expect(
      verifyAnchor({ ...anchor, head: { ...anchor.head, revision: '8' } }, { trustedKeyIds }),
    ).toMatchObject({
      trusted: false,
      proof: 'invalid',
      signature: 'valid',
      problems: ["the anchor's Merkle proof does not lead to its root"],
    });
    expect(
      verifyAnchor(
        { ...anchor, statement: anchor.statement.replace('=7', '=8') },
        { trustedKeyIds },
      ),
    ).toMatchObject({ trusted: false, statement: 'invalid', signature: 'invalid' });
    const resigned = { ...anchor, signature: ed25519Signature(privateKey, Buffer.from('other')) };
    expect(verifyAnchor(resigned, { trustedKeyIds })).toMatchObject({
      signature: 'invalid',
      problems: ['anchor 7: the signature does not match'],
    });
    expect(verifyAnchor(anchored(2, stranger), { trustedKeyIds })).toMatchObject({
      trusted: false,
      signature: 'untrusted-key',
      proof: 'valid',
    });
    expect(verifyAnchor(anchored(2, stranger)).trusted).toBe(true);
  });

  it('never throws for a malformed anchor', () => {
    const anchor = anchored(0);
    const malformed = {
      ...anchor,
      sequence: 'seven',
      head: { ...anchor.head, revision: 'x' },
      proof: [{ side: 'left' as const, hash: 'not hex' }],
    };
    expect(verifyAnchor(malformed, { trustedKeyIds })).toMatchObject({
      trusted: false,
      proof: 'invalid',
      statement: 'invalid',
    });
  });
});

describe('verifyAnchoredHeads', () => {
  it("checks the anchor's signature once and each head's proof", () => {
    const { head: _head, proof: _proof, ...signed } = anchored(0);
    const heads = [anchored(0), anchored(1), { ...anchored(2), proof: anchored(1).proof }];
    expect(
      verifyAnchoredHeads(signed, heads, { trustedKeyIds }).map(({ trusted, proof }) => ({
        trusted,
        proof,
      })),
    ).toEqual([
      { trusted: true, proof: 'valid' },
      { trusted: true, proof: 'valid' },
      { trusted: false, proof: 'invalid' },
    ]);
  });
});
