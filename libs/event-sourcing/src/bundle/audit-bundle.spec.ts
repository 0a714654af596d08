import { generateKeyPairSync } from 'node:crypto';
import { genesisHash, linkedMetadata } from '../chain/chain-hash';
import { anchorStatement } from './anchor-statement';
import { auditBundle, verifyAuditBundle, type BundleEvent } from './audit-bundle';
import type { BundledAnchor } from './bundle-manifest';
import { ed25519Signature, publicKeyInfo } from './ed25519-signatures';
import { merkleProof, merkleRoot, type AnchoredLeaf } from './merkle-tree';
import { tarArchive, tarFiles } from './tar-archive';

const streamName = 'candidate-7f1c9e8e-0d7e-4f57-9a52-5d2ac2b8c1f0';
const { privateKey } = generateKeyPairSync('ed25519');
const stranger = generateKeyPairSync('ed25519').privateKey;

/** A chained stream of `count` events, as the gateway stores them. */
function chainedEvents(count: number): BundleEvent[] {
  const events: BundleEvent[] = [];
  let previous = genesisHash(streamName);
  for (let revision = 0n; revision < BigInt(count); revision += 1n) {
    const type = revision === 0n ? 'CandidateRegistered' : 'CandidateStageChanged';
    const data = { candidateId: 'c', step: Number(revision), note: 'ünïcode ✓' };
    const metadata = linkedMetadata(
      { streamName, revision, type, data },
      { occurredAt: '2030-05-06T09:00:00.000Z', schemaVersion: revision === 0n ? 1 : 2 },
      previous,
    );
    previous = metadata.hash;
    events.push({
      revision,
      id: `event-${revision}`,
      type,
      created: '2030-05-06T09:00:00.000Z',
      data,
      metadata,
    });
  }
  return events;
}

function anchorOver(head: AnchoredLeaf, signer = privateKey): BundledAnchor {
  const leaves = [
    { streamName: 'a-stream', revision: 4n, hash: null },
    head,
    { streamName: 'z', revision: 0n, hash: null },
  ];
  const fields = {
    sequence: 3n,
    anchoredAt: '2030-05-06T09:01:00.000Z',
    root: merkleRoot(leaves),
    leafCount: leaves.length,
    previousRoot: null,
  };
  const statement = anchorStatement(fields);
  return {
    ...fields,
    sequence: '3',
    ...publicKeyInfo(signer),
    statement,
    signature: ed25519Signature(signer, Buffer.from(statement)),
    head: { ...head, revision: head.revision.toString() },
    proof: merkleProof(leaves, 1),
  };
}

const headOf = (events: BundleEvent[], at = events.length - 1): AnchoredLeaf => ({
  streamName,
  revision: events[at].revision,
  hash: (events[at].metadata as { hash: string }).hash,
});
const state = { services: { candidates: { aggregates: { candidate: { stage: 'offer' } } } } };
const bundleOf = (events: BundleEvent[], anchor: BundledAnchor | null, signer = privateKey) =>
  auditBundle(
    { streamName, exportedAt: new Date('2030-05-06T10:00:00Z'), events, state, anchor },
    signer,
  );

describe('audit bundles', () => {
  it('verifies a bundle as written: manifest, chain, anchor and state', () => {
    const events = chainedEvents(5);
    const verification = verifyAuditBundle(bundleOf(events, anchorOver(headOf(events, 3))), {
      trustedKeyIds: [publicKeyInfo(privateKey).keyId],
    });
    expect(verification.problems).toEqual([]);
    expect(verification.verified).toBe(true);
    expect(verification).toMatchObject({
      signature: 'valid',
      anchor: { trusted: true, signature: 'valid', statement: 'valid', proof: 'valid' },
    });
    expect(verification.state).toEqual(state);
    expect(verification.chain).toMatchObject({ streamName, checked: 5, head: { revision: 4n } });
    expect(verification.manifest).toMatchObject({
      events: { count: 5, firstRevision: '0', lastRevision: '4' },
      head: { revision: '4', hash: headOf(events).hash },
      schemaVersions: [
        { type: 'CandidateRegistered', schemaVersion: 1, events: 1 },
        { type: 'CandidateStageChanged', schemaVersion: 2, events: 4 },
      ],
      anchor: { sequence: '3', head: { revision: '3' } },
    });
  });

  it('fails when any one byte of it changes', () => {
    const events = chainedEvents(3);
    const bundle = bundleOf(events, anchorOver(headOf(events)));
    expect(verifyAuditBundle(bundle).verified).toBe(true);
    const passed: number[] = [];
    for (let at = 0; at < bundle.length; at += 1) {
      const changed = Buffer.from(bundle);
      changed[at] ^= 0x01;
      const verification = verifyAuditBundle(changed);
      if (verification.verified || verification.problems.length === 0) passed.push(at);
    }
    expect(passed).toEqual([]);
  });

  it('names a dropped tail, an altered event, a key not trusted and a forged anchor', () => {
    const events = chainedEvents(5);
    const anchor = anchorOver(headOf(events, 4));
    expect(verifyAuditBundle(bundleOf(events.slice(0, 3), anchor)).problems.join('\n')).toMatch(
      /truncated/,
    );
    const altered = events.map((event, i) => (i === 2 ? { ...event, data: { step: 99 } } : event));
    expect(verifyAuditBundle(bundleOf(altered, null)).problems.join('\n')).toMatch(
      /breaks at revision 2 \(altered\)/,
    );
    const untrusted = verifyAuditBundle(bundleOf(events, anchorOver(headOf(events), stranger)), {
      trustedKeyIds: [publicKeyInfo(privateKey).keyId],
    });
    expect(untrusted.problems).toEqual([
      `the anchor was signed by an untrusted key (${publicKeyInfo(stranger).keyId})`,
    ]);
    expect(untrusted).toMatchObject({
      signature: 'valid',
      anchor: { trusted: false, signature: 'untrusted-key', proof: 'valid' },
    });
    const forged = { ...anchor, root: anchor.root.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    const forgedVerification = verifyAuditBundle(bundleOf(events, forged));
    expect(forgedVerification.problems).toEqual(
      expect.arrayContaining([
        "the anchor's Merkle proof does not lead to its root",
        "the anchor's statement does not match its fields",
      ]),
    );
    // The signed statement is untouched: its signature holds, but not for the root the anchor shows.
    expect(forgedVerification.anchor).toMatchObject({
      trusted: false,
      signature: 'valid',
      statement: 'invalid',
      proof: 'invalid',
    });
  });

  it("gives the manifest's signature status: valid, untrusted-key, invalid; none without a manifest", () => {
    const events = chainedEvents(2);
    const bundle = bundleOf(events, null, stranger);
    const trustedKeyIds = [publicKeyInfo(privateKey).keyId];
    expect(verifyAuditBundle(bundle)).toMatchObject({ signature: 'valid', anchor: null });
    expect(verifyAuditBundle(bundle, { trustedKeyIds })).toMatchObject({
      verified: false,
      signature: 'untrusted-key',
    });
    const files = tarFiles(bundle).map((file) =>
      file.name === 'manifest.sig'
        ? { ...file, bytes: Buffer.from(`${ed25519Signature(stranger, Buffer.from('other'))}\n`) }
        : file,
    );
    expect(verifyAuditBundle(tarArchive(files, new Date('2030-05-06T10:00:00Z')))).toMatchObject({
      verified: false,
      signature: 'invalid',
    });
    expect(verifyAuditBundle(Buffer.from('hello')).signature).toBeUndefined();
  });

  it('refuses an archive that is not a bundle, naming why', () => {
    expect(verifyAuditBundle(Buffer.from('hello')).problems[0]).toMatch(
      /not a readable tar archive/,
    );
    const files = tarFiles(bundleOf(chainedEvents(1), null)).filter(
      ({ name }) => name !== 'state.json',
    );
    expect(verifyAuditBundle(tarArchive(files, new Date(0))).problems[0]).toMatch(
      /not manifest\.json/,
    );
  });
});
