import { jsonEvent, START } from '@eventstore/db-client';
import {
  ANCHOR_EVENT_TYPE,
  AnchorMessage,
  AUDIT_ANCHORS_TOPIC,
  candidateStreamName,
  SchemaValidator,
} from '@hirestream/contracts';
import {
  publicKeyInfo,
  rootOfProof,
  signatureProblem,
  verifyAnchor,
  verifyAuditBundle,
  type BundleManifest,
  type HeadInAnchor,
  type SignedAnchor,
} from '@hirestream/event-sourcing';
import { auditAppOptions, eventually, hiringSeeds, useServiceApps } from '@hirestream/testing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';

// Anchors over the chain heads, signed, stored and published to Kafka, each
// stream's latest with its Merkle proof; and the export bundle, which
// verifies offline and fails when one byte of it changes.

const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  audit: auditAppOptions({ ANCHOR_INTERVAL_SECONDS: '1' }),
});

type Json = Record<string, unknown>;
type Anchor = {
  sequence: string;
  root: string;
  previousRoot: string | null;
  keyId: string;
  publicKey: string;
  statement: string;
  signature: string;
  head: { streamName: string; revision: string; hash: string | null };
  proof: { side: 'left' | 'right'; hash: string }[];
};

const audit = (url: string, as: 'auditor' | 'admin' | 'recruiter' = 'auditor') =>
  apps.audit.inject({ method: 'GET', url, as });

/** The stream's last event as stored: its revision and chain hash. */
async function storedHead(streamName: string) {
  let head: { revision: string; hash: unknown } | undefined;
  for await (const { event } of apps.audit.store.client.readStream(streamName, {
    fromRevision: START,
  })) {
    if (event !== undefined)
      head = { revision: String(event.revision), hash: (event.metadata as Json).hash };
  }
  return head!;
}

/** The stream's anchor once it holds the head at `revision`. */
function anchorAt(streamName: string, revision: string): Promise<Anchor> {
  return eventually(`an anchor of ${streamName} at ${revision}`, async () => {
    const response = await audit(`/streams/${streamName}/anchor`);
    const anchor = response.statusCode === 200 ? response.json<Anchor>() : undefined;
    return anchor?.head.revision === revision ? anchor : undefined;
  });
}

async function publicKey(): Promise<{ keyId: string; publicKey: string }> {
  return (await audit('/anchors/public-key')).json();
}

describe('anchors', () => {
  it("anchor each stream's head, signed, with a proof to the root, and again when it moves", async () => {
    const seeds = hiringSeeds(apps);
    const candidateId = await seeds.appliedCandidate();
    const streamName = candidateStreamName(candidateId);
    const first = await anchorAt(streamName, '0');
    const key = await publicKey();
    expect(first).toMatchObject({ keyId: key.keyId, publicKey: key.publicKey });
    expect(first.head).toEqual({ streamName, ...(await storedHead(streamName)) });
    expect(first.head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rootOfProof({ ...first.head, revision: BigInt(first.head.revision) }, first.proof)).toBe(
      first.root,
    );
    expect(signatureProblem(first, Buffer.from(first.statement))).toBeUndefined();
    expect(first.statement).toContain(`root=${first.root}`);

    await apps.candidates.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/screening`,
      payload: { passed: true },
      as: 'recruiter',
    });
    const moved = await anchorAt(streamName, (await storedHead(streamName)).revision);
    expect(BigInt(moved.sequence)).toBeGreaterThan(BigInt(first.sequence));
    expect(moved.previousRoot).toMatch(/^[0-9a-f]{64}$/);
    expect((await audit(`/streams/${candidateStreamName(randomUUID())}/anchor`)).statusCode).toBe(
      404,
    );
  });

  it('keeps every anchor and its heads in PostgreSQL, chained, and publishes each to Kafka', async () => {
    const streamName = candidateStreamName(await hiringSeeds(apps).appliedCandidate());
    const anchor = await anchorAt(streamName, '0');
    const pool = new Pool({ connectionString: apps.audit.servers.env.DATABASE_URL });
    try {
      const anchors = await eventually('the anchor published', async () => {
        const { rows } = await pool.query<{
          sequence: string;
          root: string;
          previous_root: string | null;
          published_at: Date | null;
        }>(
          'select sequence, root, previous_root, published_at from audit.anchors order by sequence',
        );
        return rows.at(-1)?.published_at == null ? undefined : rows;
      });
      expect(anchors[0].previous_root).toBeNull();
      for (let i = 1; i < anchors.length; i += 1) {
        expect(anchors[i].previous_root).toBe(anchors[i - 1].root);
      }
      const { rows: heads } = await pool.query(
        'select stream_name, revision from audit.anchored_heads where sequence = $1',
        [anchor.sequence],
      );
      expect(heads).toContainEqual({ stream_name: streamName, revision: '0' });
    } finally {
      await pool.end();
    }
    const message = await publishedAnchor(anchor.sequence);
    const published: unknown = JSON.parse(String(message.value));
    expect(new SchemaValidator({ text: 'check' }).problems(AnchorMessage, published)).toEqual([]);
    expect(published).toMatchObject({
      sequence: anchor.sequence,
      root: anchor.root,
      signature: anchor.signature,
    });
    expect(String(message.headers?.ce_type)).toBe(ANCHOR_EVENT_TYPE);
  });

  it("lists every stream's latest anchored head, a page at a time, each verifiable by the service's key", async () => {
    const seeds = hiringSeeds(apps);
    const streams = [
      candidateStreamName(await seeds.appliedCandidate()),
      candidateStreamName(await seeds.appliedCandidate()),
    ];
    for (const streamName of streams) await anchorAt(streamName, '0');
    const { keyId } = await publicKey();
    type Page = {
      anchors: SignedAnchor[];
      heads: (HeadInAnchor & { sequence: string })[];
      next: string | null;
    };
    const seen = new Map<string, { sequence: string; revision: string }>();
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await audit(
        `/anchors/heads?limit=2${after === null ? '' : `&after=${after}`}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json<Page>();
      pages += 1;
      for (const { sequence, head, proof } of page.heads) {
        // A stream anchored again while the pages are read shows again, at its later anchor.
        seen.set(head.streamName, { sequence, revision: head.revision });
        const anchor = page.anchors.find((signed) => signed.sequence === sequence)!;
        expect(verifyAnchor({ ...anchor, head, proof }, { trustedKeyIds: [keyId] })).toMatchObject({
          trusted: true,
        });
      }
      after = page.next;
    } while (after !== null);
    expect(pages).toBeGreaterThan(1);
    for (const streamName of streams) {
      const latest = (await audit(`/streams/${streamName}/anchor`)).json<Anchor>();
      expect(seen.get(streamName)).toEqual({
        sequence: latest.sequence,
        revision: latest.head.revision,
      });
    }
    const bad = await audit('/anchors/heads?after=1&limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/after/);
    expect((await audit('/anchors/heads', 'recruiter')).statusCode).toBe(403);
  });

  it('signs with the key generated once into the data folder', async () => {
    const pem = readFileSync(
      join(apps.audit.servers.env.AUDIT_DATA_DIR, 'signing-key.pem'),
      'utf8',
    );
    expect(pem).toContain('BEGIN PRIVATE KEY');
    const { keyId } = await publicKey();
    expect(publicKeyInfo(createPrivateKey(pem)).keyId).toBe(keyId);
  });
});

/** The anchor message of `sequence`, read off the topic from its start. */
async function publishedAnchor(sequence: string): Promise<KafkaMessage> {
  const kafka = new Kafka({
    brokers: [apps.audit.servers.kafka.bootstrapAddress],
    logLevel: logLevel.NOTHING,
  });
  const reader = kafka.consumer({ groupId: `anchor-reader-${randomUUID()}` });
  const seen: KafkaMessage[] = [];
  await reader.connect();
  try {
    await reader.subscribe({ topic: AUDIT_ANCHORS_TOPIC, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void seen.push(message) });
    return await eventually(`anchor ${sequence} on ${AUDIT_ANCHORS_TOPIC}`, async () =>
      seen.find((message) => String(message.key) === sequence),
    );
  } finally {
    await reader.disconnect();
  }
}

describe('the verification of a stream', () => {
  it('finds an anchored stream intact, and names an event forged through the raw client', async () => {
    const candidateId = await hiringSeeds(apps).appliedCandidate();
    const streamName = candidateStreamName(candidateId);
    await anchorAt(streamName, '0');
    const intact = await audit(`/streams/${streamName}/verification`);
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({
      streamName,
      intact: true,
      events: 1,
      checked: 1,
      beforeChain: null,
      head: { revision: '0' },
      anchoredHead: { revision: '0' },
      firstBreak: null,
    });
    await apps.audit.store.client.appendToStream(
      streamName,
      jsonEvent({
        type: 'CandidateWithdrew',
        data: { candidateId, reason: null, stageAtWithdrawal: 'applied' },
        metadata: { schemaVersion: 1, occurredAt: new Date().toISOString() },
      }),
    );
    const forged = (await audit(`/streams/${streamName}/verification`)).json<Json>();
    expect(forged).toMatchObject({
      intact: false,
      events: 2,
      firstBreak: { revision: '1', kind: 'inserted' },
    });
    expect(
      (await audit(`/streams/${candidateStreamName(randomUUID())}/verification`)).statusCode,
    ).toBe(404);
    expect((await audit(`/streams/${streamName}/verification`, 'recruiter')).statusCode).toBe(403);
  });
});

describe('the export bundle', () => {
  it('verifies offline with the service’s key, holds the history as stored, and fails when one byte changes', async () => {
    const seeds = hiringSeeds(apps);
    const candidateId = await seeds.interviewingCandidate();
    const streamName = candidateStreamName(candidateId);
    const head = await storedHead(streamName);
    await anchorAt(streamName, head.revision);
    const response = await audit(`/candidates/${candidateId}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-tar');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="candidate-${candidateId}-\\d{4}-\\d{2}-\\d{2}T\\d{6}\\.\\d{3}Z\\.tar"$`,
      ),
    );
    const bundle = response.rawPayload;
    const { keyId } = await publicKey();
    const verification = verifyAuditBundle(bundle, { trustedKeyIds: [keyId] });
    expect(verification.problems).toEqual([]);
    const manifest = verification.manifest as BundleManifest;
    expect(manifest).toMatchObject({
      streamName,
      events: { count: Number(head.revision) + 1, lastRevision: head.revision },
      head,
      anchor: { head: { streamName, ...head } },
      signedBy: { keyId },
    });
    expect(manifest.schemaVersions).toContainEqual({
      type: 'CandidateRegistered',
      schemaVersion: 1,
      events: 1,
    });
    const state = (await audit(`/candidates/${candidateId}/state`)).json<Json>();
    expect(verification.state).toMatchObject({ revision: head.revision, services: state.services });

    for (let at = 0; at < bundle.length; at += 61) {
      const changed = Buffer.from(bundle);
      changed[at] ^= 0x20;
      expect([at, verifyAuditBundle(changed).verified]).toEqual([at, false]);
    }
    expect(verifyAuditBundle(bundle, { trustedKeyIds: ['0'.repeat(64)] }).verified).toBe(false);
  });

  it('is for auditors and admins only', async () => {
    const candidateId = await hiringSeeds(apps).appliedCandidate();
    const streamName = candidateStreamName(candidateId);
    for (const url of [
      `/candidates/${candidateId}/export`,
      `/streams/${streamName}/anchor`,
      '/anchors/public-key',
    ]) {
      expect((await audit(url, 'recruiter')).statusCode).toBe(403);
    }
    expect((await audit(`/candidates/${candidateId}/export`, 'admin')).statusCode).toBe(200);
    expect((await audit(`/candidates/${randomUUID()}/export`)).statusCode).toBe(404);
  });
});
