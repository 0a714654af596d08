import { verifyAuditBundle } from '@hirestream/event-sourcing';
import { readFileSync } from 'node:fs';
import { CommandError } from '../command-error';
import { printJson, shortHash } from './command-output';

/** The problem the verifier names for the manifest's signature, if any (its `manifest.sig:` sentence). */
const SIGNATURE_PROBLEM = /^manifest\.sig: |signed by an untrusted key/;

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
  const { manifest, verified, problems, state } = verification;
  const signatureProblems = problems.filter((problem) => SIGNATURE_PROBLEM.test(problem));
  const signature =
    manifest === undefined
      ? 'unread (no valid manifest)'
      : signatureProblems.length > 0
        ? signatureProblems.join('; ')
        : `valid, Ed25519 key ${manifest.signedBy.keyId}${trustedKeyIds === undefined ? ' (not compared with trusted keys: --trusted-key)' : ' (trusted)'}`;
  if (json) {
    printJson({
      file,
      verified,
      problems,
      signature,
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
      `  anchor      ${manifest.anchor === null ? 'none yet' : `#${manifest.anchor.sequence} of ${manifest.anchor.anchoredAt}, at revision ${manifest.anchor.head.revision}`}`,
    );
    console.log(`  signature   ${signature}`);
  }
  for (const problem of problems) console.log(`  problem: ${problem}`);
  if (verified) console.log(`\nstate at the end:\n${JSON.stringify(state, null, 2)}`);
  return verified ? 0 : 1;
}
