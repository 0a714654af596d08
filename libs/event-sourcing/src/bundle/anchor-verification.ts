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

function proofHolds(anchor: BundledAnchor): boolean {
  try {
    const leaf = { ...anchor.head, revision: BigInt(anchor.head.revision) };
    return rootOfProof(leaf, anchor.proof) === anchor.root;
  } catch {
    // A revision that is not a decimal, a proof step that is not a digest.
    return false;
  }
}

function statementHolds(anchor: BundledAnchor): boolean {
  try {
    return anchorStatement({ ...anchor, sequence: BigInt(anchor.sequence) }) === anchor.statement;
  } catch {
    return false;
  }
}

/**
 * Verifies an anchored head with no I/O, before anything relies on it: the
 * anchor's statement is its fields, its Ed25519 signature of the statement
 * holds (by a trusted key, when told which), and the head's Merkle proof leads
 * to the signed root. Never throws for a malformed anchor: each failure is a
 * status and a problem.
 */
export function verifyAnchor(anchor: BundledAnchor, keys: TrustedKeys = {}): AnchorVerification {
  const problems: string[] = [];
  const proof = proofHolds(anchor) ? 'valid' : 'invalid';
  if (proof === 'invalid') problems.push("the anchor's Merkle proof does not lead to its root");
  const statement = statementHolds(anchor) ? 'valid' : 'invalid';
  if (statement === 'invalid') problems.push("the anchor's statement does not match its fields");
  const signed = signatureStatus(anchor, Buffer.from(anchor.statement, 'utf8'), keys);
  if (signed.status === 'invalid') problems.push(`anchor ${anchor.sequence}: ${signed.problem}`);
  if (signed.status === 'untrusted-key') {
    problems.push(`the anchor was signed by an untrusted key (${anchor.keyId})`);
  }
  return { trusted: problems.length === 0, signature: signed.status, statement, proof, problems };
}
