import { createHash, type KeyObject } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Value } from '@sinclair/typebox/value';
import { verifyChain } from '../chain/chain-verifier';
import type { ChainEvent, ChainReport } from '../chain/chain-report';
import {
  signatureStatus,
  verifyAnchor,
  type AnchorVerification,
  type SignatureStatus,
} from './anchor-verification';
import { BundleManifest, type BundledAnchor } from './bundle-manifest';
import { ed25519Signature, publicKeyInfo } from './ed25519-signatures';
import { MalformedArchiveError, tarArchive, tarFiles } from './tar-archive';

/*
 * A candidate's history as one file anyone can check with no service running:
 * a tar archive of
 * - events.jsonl: every event of the stream, one JSON object a line, as stored
 *   (streamName, revision, id, type, created, and data and metadata as
 *   EventStoreDB keeps them: not decoded, not upcast);
 * - state.json: every service's state at the end, as the audit service had it;
 * - manifest.json: the event count, first and last revision, the SHA-256 of
 *   events.jsonl and state.json, the chain head, the schema versions, the
 *   latest anchor covering the stream with its Merkle proof, and the public key
 *   that signed the manifest;
 * - manifest.sig: the Ed25519 signature (base64) of manifest.json's bytes.
 */

export const BUNDLE_FILES = [
  'manifest.json',
  'manifest.sig',
  'events.jsonl',
  'state.json',
] as const;

/** A stored event as the bundle keeps it. */
export type BundleEvent = Readonly<{
  revision: bigint;
  id: string;
  type: string;
  /** When EventStoreDB recorded it (ISO). */
  created: string;
  data: unknown;
  metadata: unknown;
}>;

export type BundleContents = Readonly<{
  streamName: string;
  exportedAt: Date;
  /** The whole stream, in order: at least one event. */
  events: readonly BundleEvent[];
  /** A JSON value: every service's state after the last event. */
  state: unknown;
  anchor: BundledAnchor | null;
}>;

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function metadataKey(metadata: unknown, key: string): unknown {
  return typeof metadata === 'object' && metadata !== null
    ? (metadata as Record<string, unknown>)[key]
    : undefined;
}

function chainHashOf(metadata: unknown): string | null {
  const hash = metadataKey(metadata, 'hash');
  return typeof hash === 'string' ? hash : null;
}

function schemaVersionsOf(events: readonly Pick<BundleEvent, 'type' | 'metadata'>[]) {
  const counts = new Map<string, { type: string; schemaVersion: number; events: number }>();
  for (const { type, metadata } of events) {
    const stored = metadataKey(metadata, 'schemaVersion');
    const schemaVersion =
      typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : 0;
    const key = `${type}@${schemaVersion}`;
    const count = counts.get(key) ?? { type, schemaVersion, events: 0 };
    count.events += 1;
    counts.set(key, count);
  }
  return [...counts.values()];
}

/** The bundle's bytes: its manifest signed with `signingKey` (an Ed25519 private key). */
export function auditBundle(contents: BundleContents, signingKey: KeyObject): Uint8Array {
  const { streamName, events } = contents;
  const first = events[0];
  const last = events.at(-1);
  if (first === undefined || last === undefined)
    throw new Error('a bundle holds at least one event');
  const eventLines = utf8(
    events
      .map(({ revision, id, type, created, data, metadata }) =>
        JSON.stringify({
          streamName,
          revision: revision.toString(),
          id,
          type,
          created,
          data,
          metadata,
        }),
      )
      .join('\n') + '\n',
  );
  const state = utf8(`${JSON.stringify(contents.state, null, 2)}\n`);
  const manifest: BundleManifest = {
    format: 'hirestream-audit-bundle-v1',
    streamName,
    exportedAt: contents.exportedAt.toISOString(),
    events: {
      file: 'events.jsonl',
      count: events.length,
      sha256: sha256Hex(eventLines),
      firstRevision: first.revision.toString(),
      lastRevision: last.revision.toString(),
    },
    head: { revision: last.revision.toString(), hash: chainHashOf(last.metadata) },
    schemaVersions: schemaVersionsOf(events),
    state: { file: 'state.json', sha256: sha256Hex(state) },
    anchor: contents.anchor,
    signedBy: publicKeyInfo(signingKey),
  };
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  return tarArchive(
    [
      { name: 'manifest.json', bytes: manifestBytes },
      { name: 'manifest.sig', bytes: utf8(`${ed25519Signature(signingKey, manifestBytes)}\n`) },
      { name: 'events.jsonl', bytes: eventLines },
      { name: 'state.json', bytes: state },
    ],
    contents.exportedAt,
  );
}

export type BundleVerificationOptions = Readonly<{
  /**
   * The key ids (SHA-256 of the SPKI DER) the signer of the manifest and of the
   * anchor must be among, e.g. the audit service's (`GET /anchors/public-key`).
   * Without it a bundle is only shown consistent with the key it names.
   */
  trustedKeyIds?: readonly string[];
}>;

export type BundleVerification = Readonly<{
  /** No problem found. */
  verified: boolean;
  /** What does not hold, each in a sentence; empty when verified. */
  problems: readonly string[];
  manifest: BundleManifest | undefined;
  /** The manifest's signature; undefined when there is no manifest to read. */
  signature: SignatureStatus | undefined;
  /** The anchor's signature, statement and proof; null when the bundle has none, undefined when unread. */
  anchor: AnchorVerification | null | undefined;
  /** The events' chain as the verifier walked it (with the anchored head, when there is one). */
  chain: ChainReport | undefined;
  /** state.json, when it matches the manifest. */
  state: unknown;
}>;

/** Reads an events.jsonl line back into a stored event; a problem when it is not one of the stream's. */
function eventOfLine(line: string, streamName: string, number: number): ChainEvent | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `events.jsonl line ${number} is not JSON`;
  }
  const event = parsed as Partial<Record<string, unknown>> | null;
  if (
    typeof event !== 'object' ||
    event === null ||
    event.streamName !== streamName ||
    typeof event.revision !== 'string' ||
    !/^(0|[1-9][0-9]*)$/.test(event.revision) ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string'
  ) {
    return `events.jsonl line ${number} is not an event of ${streamName}`;
  }
  return {
    revision: BigInt(event.revision),
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
}

/**
 * Verifies a bundle offline, with no I/O: the archive holds the four files,
 * the manifest's signature holds (by a trusted key, when told which), the
 * events and state match their SHA-256 and the manifest, the events' hash
 * chain holds with no break up to the head, and the anchor's proof leads to
 * its signed root with the stream reaching at least as far as the anchored
 * head (else its tail was dropped). Never throws for bad bytes: every failure
 * is a problem.
 */
export function verifyAuditBundle(
  archive: Uint8Array,
  options: BundleVerificationOptions = {},
): BundleVerification {
  const failed = (problem: string): BundleVerification => ({
    verified: false,
    problems: [problem],
    manifest: undefined,
    signature: undefined,
    anchor: undefined,
    chain: undefined,
    state: undefined,
  });
  let files: Map<string, Uint8Array>;
  try {
    files = new Map(tarFiles(archive).map(({ name, bytes }) => [name, bytes]));
  } catch (error) {
    if (error instanceof MalformedArchiveError) return failed(error.message);
    throw error;
  }
  const names = [...files.keys()].sort();
  if (!isDeepStrictEqual(names, [...BUNDLE_FILES].sort())) {
    return failed(
      `the archive holds ${names.join(', ') || 'nothing'}, not ${BUNDLE_FILES.join(', ')}`,
    );
  }
  const manifestBytes = files.get('manifest.json')!;
  let parsedManifest: unknown;
  try {
    parsedManifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch {
    return failed('manifest.json is not JSON');
  }
  if (!Value.Check(BundleManifest, parsedManifest)) {
    const [first] = Value.Errors(BundleManifest, parsedManifest);
    return failed(
      `manifest.json is not a bundle manifest: ${first?.path || '/'} ${first?.message ?? ''}`,
    );
  }
  const manifest = parsedManifest;
  const problems: string[] = [];

  const signature = Buffer.from(files.get('manifest.sig')!).toString('utf8').replace(/\n$/, '');
  const signed = signatureStatus({ ...manifest.signedBy, signature }, manifestBytes, options);
  if (signed.status === 'invalid') problems.push(`manifest.sig: ${signed.problem}`);
  if (signed.status === 'untrusted-key') {
    problems.push(`the manifest was signed by an untrusted key (${manifest.signedBy.keyId})`);
  }

  const eventBytes = files.get('events.jsonl')!;
  if (sha256Hex(eventBytes) !== manifest.events.sha256) {
    problems.push("events.jsonl does not match the manifest's SHA-256");
  }
  const lines = Buffer.from(eventBytes).toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const events: ChainEvent[] = [];
  for (const [index, line] of lines.entries()) {
    const event = eventOfLine(line, manifest.streamName, index + 1);
    if (typeof event === 'string') {
      problems.push(event);
      const unread = { anchor: undefined, chain: undefined, state: undefined };
      return { verified: false, problems, manifest, signature: signed.status, ...unread };
    }
    events.push(event);
  }
  const last = events.at(-1);
  if (
    events.length !== manifest.events.count ||
    events[0]?.revision.toString() !== manifest.events.firstRevision ||
    last?.revision.toString() !== manifest.events.lastRevision
  ) {
    problems.push('events.jsonl does not hold the events the manifest counts');
  }
  if (
    last?.revision.toString() !== manifest.head.revision ||
    chainHashOf(last?.metadata) !== manifest.head.hash
  ) {
    problems.push("the last event is not the manifest's head");
  }
  if (!isDeepStrictEqual(schemaVersionsOf(events), manifest.schemaVersions)) {
    problems.push("the events' schema versions are not the manifest's");
  }

  const anchored = manifest.anchor?.head;
  const chain = verifyChain(
    manifest.streamName,
    events,
    anchored === undefined
      ? {}
      : { anchoredHead: { revision: BigInt(anchored.revision), hash: anchored.hash } },
  );
  if (chain.firstBreak !== undefined) {
    const { revision, kind, detail } = chain.firstBreak;
    problems.push(`the chain breaks at revision ${revision} (${kind}): ${detail}`);
  }
  const anchor = manifest.anchor === null ? null : verifyAnchor(manifest.anchor, options);
  if (manifest.anchor !== null && anchor !== null) {
    if (manifest.anchor.head.streamName !== manifest.streamName) {
      problems.push(
        `the anchor's head is of ${manifest.anchor.head.streamName}, not ${manifest.streamName}`,
      );
    }
    problems.push(...anchor.problems);
  }

  const stateBytes = files.get('state.json')!;
  let state: unknown;
  if (sha256Hex(stateBytes) !== manifest.state.sha256) {
    problems.push("state.json does not match the manifest's SHA-256");
  } else {
    try {
      state = JSON.parse(Buffer.from(stateBytes).toString('utf8'));
    } catch {
      problems.push('state.json is not JSON');
    }
  }
  const unique = [...new Set(problems)];
  return {
    verified: unique.length === 0,
    problems: unique,
    manifest,
    signature: signed.status,
    anchor,
    chain,
    state,
  };
}
