import {
  verifyAuditBundle,
  type AnchorVerification,
  type SignatureStatus,
} from '@hirestream/event-sourcing';
import { readFileSync } from 'node:fs';
import { CommandError } from '../command-error';
import { printJson, shortHash } from './command-output';

function signatureLine(
  status: SignatureStatus | undefined,
  keyId: string,
  compared: boolean,
): string {
  if (status === 'invalid') return `INVALID (Ed25519 key ${keyId})`;
  if (status === 'untrusted-key') return `valid, but by a key not trusted: ${keyId}`;
  return `valid, Ed25519 key ${keyId}${compared ? ' (trusted)' : ' (not compared with trusted keys: --trusted-key)'}`;
}

function anchorStatus(anchor: AnchorVerification): string {
  if (anchor.trusted) return 'signature and proof valid';
  return `signature ${anchor.signature}, statement ${anchor.statement}, proof ${anchor.proof}`;
}

/**
 * `audit verify-bundle FILE`: an export bundle verified offline, with no service
 * (verifyAuditBundle); the state at the end, the event count, the chain head and
 * the signature's status. 1 when it fails.
 */
export function verifyBundleFile(
  file: string,
  trustedKeyIds: readonly string[] | undefined,
  json: boolean,
): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new CommandError(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const verification = verifyAuditBundle(bytes, { trustedKeyIds });
  const { manifest, verified, problems, state, signature, anchor } = verification;
  if (json) {
    printJson({
      file,
      verified,
      problems,
      signature: signature ?? null,
      anchor: anchor ?? null,
      manifest: manifest ?? null,
      chain: verification.chain ?? null,
      state: state ?? null,
    });
    return verified ? 0 : 1;
  }
  console.log(`${file}: ${verified ? 'VERIFIED' : 'FAILED'}`);
  if (manifest !== undefined) {
    console.log(`  stream      ${manifest.streamName}, exported ${manifest.exportedAt}`);
    console.log(
      `  events      ${manifest.events.count} (revisions ${manifest.events.firstRevision}–${manifest.events.lastRevision})`,
    );
    console.log(
      `  chain head  revision ${manifest.head.revision}, ${shortHash(manifest.head.hash)}`,
    );
    console.log(
      `  anchor      ${manifest.anchor === null ? 'none yet' : `#${manifest.anchor.sequence} of ${manifest.anchor.anchoredAt}, at revision ${manifest.anchor.head.revision}${anchor == null ? '' : `: ${anchorStatus(anchor)}`}`}`,
    );
    console.log(
      `  signature   ${signatureLine(signature, manifest.signedBy.keyId, trustedKeyIds !== undefined)}`,
    );
  }
  for (const problem of problems) console.log(`  problem: ${problem}`);
  if (verified) console.log(`\nstate at the end:\n${JSON.stringify(state, null, 2)}`);
  return verified ? 0 : 1;
}
