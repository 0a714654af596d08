import { anchorStatement } from './anchor-statement';
import type { BundledAnchor } from './bundle-manifest';
import { signatureProblem } from './ed25519-signatures';
import { rootOfProof } from './merkle-tree';

/**
 * An Ed25519 signature's status: `valid` (it holds, by a trusted key when told
 * which), `untrusted-key` (it holds, but its key is not among the trusted),
 * `invalid` (it does not hold, or the key is not what it says).
 */
export type SignatureStatus = 'valid' | 'invalid' | 'untrusted-key';

/** Which keys a signature must be by: their ids (SHA-256 of the SPKI DER); any key when absent. */
export type TrustedKeys = Readonly<{ trustedKeyIds?: readonly string[] }>;

export type AnchorVerification = Readonly<{
  /** Every part holds: the head it names is bound by a signed root. */
  trusted: boolean;
  /** The signature of the statement, by the key the anchor carries. */
  signature: SignatureStatus;
  /** Whether the statement is exactly the anchor's fields (sequence, time, root, count, previous root). */
  statement: 'valid' | 'invalid';
  /** Whether the head's Merkle proof leads to the signed root. */
  proof: 'valid' | 'invalid';
  /** What does not hold, each in a sentence; empty when trusted. */
  problems: readonly string[];
}>;

/** The status of an Ed25519 signature of `bytes`, and why when it does not hold. */
export function signatureStatus(
  signed: Readonly<{ keyId: string; publicKey: string; signature: string }>,
  bytes: Uint8Array,
  { trustedKeyIds }: TrustedKeys,
): Readonly<{ status: SignatureStatus; problem?: string }> {
  const problem = signatureProblem(signed, bytes);
  if (problem !== undefined) return { status: 'invalid', problem };
  if (trustedKeyIds !== undefined && !trustedKeyIds.includes(signed.keyId)) {
    return { status: 'untrusted-key' };
  }
  return { status: 'valid' };
}

/** An anchor as signed, without the head and proof of any one stream. */
export type SignedAnchor = Omit<BundledAnchor, 'head' | 'proof'>;

/** One stream's head in an anchor, with the Merkle proof from its leaf to the anchor's root. */
export type HeadInAnchor = Pick<BundledAnchor, 'head' | 'proof'>;

function proofHolds(root: string, { head, proof }: HeadInAnchor): boolean {
  try {
    return rootOfProof({ ...head, revision: BigInt(head.revision) }, proof) === root;
  } catch {
    // A revision that is not a decimal, a proof step that is not a digest.
    return false;
  }
}

function statementHolds(anchor: SignedAnchor): boolean {
  try {
    return anchorStatement({ ...anchor, sequence: BigInt(anchor.sequence) }) === anchor.statement;
  } catch {
    return false;
  }
}

/**
 * Verifies heads of one anchor with no I/O, before anything relies on them:
 * the anchor's statement is its fields and its Ed25519 signature of the
 * statement holds (by a trusted key, when told which), checked once; and each
 * head's Merkle proof leads to the signed root. One result a head, in order.
 * Never throws for a malformed anchor: each failure is a status and a problem.
 */
export function verifyAnchoredHeads(
  anchor: SignedAnchor,
  heads: readonly HeadInAnchor[],
  keys: TrustedKeys = {},
): AnchorVerification[] {
  const problems: string[] = [];
  const statement = statementHolds(anchor) ? 'valid' : 'invalid';
  if (statement === 'invalid') problems.push("the anchor's statement does not match its fields");
  const signed = signatureStatus(anchor, Buffer.from(anchor.statement, 'utf8'), keys);
  if (signed.status === 'invalid') problems.push(`anchor ${anchor.sequence}: ${signed.problem}`);
  if (signed.status === 'untrusted-key') {
    problems.push(`the anchor was signed by an untrusted key (${anchor.keyId})`);
  }
  return heads.map((head) => {
    const proof = proofHolds(anchor.root, head) ? 'valid' : 'invalid';
    const all =
      proof === 'valid'
        ? problems
        : ["the anchor's Merkle proof does not lead to its root", ...problems];
    return { trusted: all.length === 0, signature: signed.status, statement, proof, problems: all };
  });
}

/** Verifies one anchored head: see `verifyAnchoredHeads`. */
export function verifyAnchor(anchor: BundledAnchor, keys: TrustedKeys = {}): AnchorVerification {
  return verifyAnchoredHeads(anchor, [anchor], keys)[0];
}
