import { jsonEvent } from '@eventstore/db-client';
import { candidateStreamName } from '@hirestream/contracts';
import {
  anchorStatement,
  ed25519Signature,
  merkleRoot,
  publicKeyInfo,
  type AnchoredLeaf,
} from '@hirestream/event-sourcing';
import {
  auditAppOptions,
  eventually,
  hiringSeeds,
  makeTempDir,
  removeTempDir,
  useServiceApps,
} from '@hirestream/testing';
import { execFile } from 'node:child_process';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';

// The `hirestream` command as users run it (node bin/hirestream.js, a child
// process) against the embedded servers and a listening audit service.

// Anchors every second, so a stream is soon compared with a signed anchored head.
const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  audit: auditAppOptions({ ANCHOR_INTERVAL_SECONDS: '1' }),
});
const launcher = join(__dirname, '..', 'bin', 'hirestream.js');

type Run = Readonly<{ code: number | null; stdout: string; stderr: string }>;

function hirestream(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, ...args],
      {
        env: {
          ...process.env,
          EVENTSTORE_CONNECTION_STRING: apps.audit.servers.env.EVENTSTORE_CONNECTION_STRING,
          AUDIT_URL: apps.audit.url,
          AUTH_MODE: 'development',
        },
        timeout: 60_000,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('hirestream-cli');
});
afterAll(async () => {
  await removeTempDir(dir);
});

describe('hirestream', () => {
  it('lists its commands with --help, and refuses bad arguments with exit code 2 and the reason', async () => {
    const help = await hirestream('--help');
    expect(help.code).toBe(0);
    for (const command of ['audit', 'token', 'projections']) expect(help.stdout).toContain(command);
    expect((await hirestream('audit', '--help')).stdout).toContain('verify-bundle');

    const notAnId = await hirestream('audit', 'replay', 'not-an-id');
    expect(notAnId).toMatchObject({ code: 2, stdout: '' });
    expect(notAnId.stderr).toContain('a candidate id is a lower-case UUID, got "not-an-id"');
    const noStreams = await hirestream('audit', 'verify');
    expect(noStreams.code).toBe(2);
    expect(noStreams.stderr).toContain('name the streams to verify, or --all');
    const badPoint = await hirestream('audit', 'diff', randomUUID(), '--from', '0', '--to', 'then');
    expect(badPoint.code).toBe(2);
    expect(badPoint.stderr).toContain('a point is a revision (digits) or a UTC instant');
    expect((await hirestream('audit', 'sideways')).code).toBe(2);
    const unknownRole = await hirestream('token', '--role', 'emperor', '--sub', 'x');
    expect(unknownRole.code).toBe(2);
    expect(unknownRole.stderr).toContain('unknown role: emperor');
  });

  it('mints a development token, as --json too', async () => {
    const plain = await hirestream('token', '--role', 'auditor', '--sub', 'ada');
    expect(plain.code).toBe(0);
    expect(plain.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const json = await hirestream('token', '--role', 'admin', '--sub', 'ada', '--json');
    const { token } = JSON.parse(json.stdout) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ sub: 'ada', roles: ['admin'] });
  });

  it("replays a candidacy's state and timeline through the audit service", async () => {
    const candidateId = await hiringSeeds(apps).interviewingCandidate();
    const streamName = candidateStreamName(candidateId);
    const replay = await hirestream('audit', 'replay', candidateId, '--revision', '0', '--json');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ streamName, revision: '0' });
    const timeline = await hirestream('audit', 'timeline', candidateId);
    expect(timeline.code).toBe(0);
    expect(timeline.stdout).toContain(`${streamName}: `);
    expect(timeline.stdout).toContain('CandidateRegistered');
    const diff = await hirestream('audit', 'diff', candidateId, '--from', '0', '--to', '1');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('candidates:');
    const missing = await hirestream('audit', 'timeline', randomUUID());
    expect(missing.code).toBe(1);
  });

  it('verifies a stream’s chain against EventStoreDB, and names the break of a forged event (exit 1)', async () => {
    const intact = candidateStreamName(await hiringSeeds(apps).interviewingCandidate());
    const good = await hirestream('audit', 'verify', intact);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`${intact}: ok`);
    const goodJson = JSON.parse((await hirestream('audit', 'verify', intact, '--json')).stdout) as {
      broken: number;
      streams: { streamName: string; checked: number }[];
    };
    expect(goodJson.broken).toBe(0);
    expect(goodJson.streams[0]).toMatchObject({ streamName: intact });
    expect(goodJson.streams[0].checked).toBeGreaterThan(1);

    const forged = candidateStreamName(await hiringSeeds(apps).appliedCandidate());
    const appended = await apps.audit.store.client.appendToStream(
      forged,
      jsonEvent({
        type: 'CandidateWithdrawn',
        data: { reason: 'forged' },
        metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
      }),
    );
    const revision = appended.nextExpectedRevision.toString();
    const broken = await hirestream('audit', 'verify', intact, forged);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${intact}: ok`);
    expect(broken.stdout).toContain(`${forged}: BROKEN at revision ${revision} (inserted`);

    const all = await hirestream('audit', 'verify', '--all', '--json');
    expect(all.code).toBe(1);
    const report = JSON.parse(all.stdout) as {
      broken: { streamName: string; firstBreak: { revision: string; kind: string } }[];
    };
    expect(report.broken).toEqual([
      expect.objectContaining({
        streamName: forged,
        firstBreak: expect.objectContaining({ revision, kind: 'inserted' }),
      }),
    ]);
  });

  it('downloads an export that verifies offline, and fails once one byte of it changes', async () => {
    const candidateId = await hiringSeeds(apps).interviewingCandidate();
    const file = join(dir, 'bundle.tar');
    const exported = await hirestream('audit', 'export', candidateId, '-o', file);
    expect(exported.code).toBe(0);
    const verified = await hirestream('audit', 'verify-bundle', file);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('VERIFIED');
    expect(verified.stdout).toContain('state at the end');
    const json = JSON.parse(
      (await hirestream('audit', 'verify-bundle', file, '--json')).stdout,
    ) as {
      verified: boolean;
      manifest: { streamName: string };
    };
    expect(json).toMatchObject({
      verified: true,
      signature: 'valid',
      manifest: { streamName: candidateStreamName(candidateId) },
    });
    const stranger = JSON.parse(
      (await hirestream('audit', 'verify-bundle', file, '--trusted-key', '0'.repeat(64), '--json'))
        .stdout,
    ) as { verified: boolean; signature: string };
    expect(stranger).toMatchObject({ verified: false, signature: 'untrusted-key' });

    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    const altered = join(dir, 'altered.tar');
    writeFileSync(altered, bytes);
    const failed = await hirestream('audit', 'verify-bundle', altered);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED');
  });

  // These change anchors or hide a stream's events: last, so the tests above see them untouched.
  it('names a stream whose tail was hidden after it was anchored as truncated (exit 1)', async () => {
    const candidateId = await hiringSeeds(apps).interviewingCandidate();
    const streamName = candidateStreamName(candidateId);
    const head = await anchoredHead(streamName);
    const ok = await hirestream('audit', 'verify', streamName);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`anchored at ${head.revision}`);

    // $tb past the anchored head: stream reads no longer reach it ($all still holds the events).
    await apps.audit.store.client.setStreamMetadata(streamName, {
      truncateBefore: Number(head.revision) + 1,
    });
    const cut = await hirestream('audit', 'verify', streamName, '--json');
    expect(cut.code).toBe(1);
    const [report] = (
      JSON.parse(cut.stdout) as { streams: { firstBreak: { kind: string; revision: string } }[] }
    ).streams;
    expect(['truncated', 'removed']).toContain(report.firstBreak.kind);
    const text = await hirestream('audit', 'verify', streamName);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`${streamName}: BROKEN at revision \\d+ \\((truncated|removed)`),
    );
  });

  it('trusts no anchored head whose proof or signature does not hold (exit 1), and with --all names an anchored stream gone from $all as truncated', async () => {
    const streamName = candidateStreamName(await hiringSeeds(apps).appliedCandidate());
    const head = await anchoredHead(streamName);
    const pool = new Pool({ connectionString: apps.audit.servers.env.DATABASE_URL });
    try {
      await pool.query(
        'update audit.anchored_heads set revision = revision + 7 where stream_name = $1 and revision = $2',
        [streamName, head.revision],
      );
      const distrusted = await hirestream('audit', 'verify', streamName);
      expect(distrusted.code).toBe(1);
      expect(distrusted.stdout).toContain(`${streamName}: ok`);
      expect(distrusted.stdout).toContain(`${streamName}: anchor ${head.sequence} NOT TRUSTED`);
      expect(distrusted.stdout).toContain('Merkle proof does not lead to its root');
      const otherKey = await hirestream(
        'audit',
        'verify',
        streamName,
        '--trusted-key',
        '0'.repeat(64),
        '--json',
      );
      expect(JSON.parse(otherKey.stdout)).toMatchObject({
        distrustedAnchors: [expect.objectContaining({ streamName })],
      });

      const vanished = candidateStreamName(randomUUID());
      await signedAnchorOf(pool, { streamName: vanished, revision: 3n, hash: 'c'.repeat(64) });
      const all = await hirestream('audit', 'verify', '--all', '--json');
      expect(all.code).toBe(1);
      const report = JSON.parse(all.stdout) as {
        broken: {
          streamName: string;
          events: number;
          firstBreak: { kind: string; revision: string };
        }[];
      };
      expect(report.broken).toContainEqual(
        expect.objectContaining({
          streamName: vanished,
          events: 0,
          firstBreak: expect.objectContaining({ kind: 'truncated', revision: '3' }),
        }),
      );
    } finally {
      await pool.end();
    }
  });
});

/** The stream's anchor once it holds the stream's last revision. */
async function anchoredHead(streamName: string): Promise<{ sequence: string; revision: string }> {
  let last = -1n;
  for await (const { event } of apps.audit.store.client.readStream(streamName)) {
    if (event !== undefined) last = event.revision;
  }
  return eventually(`an anchor of ${streamName} at ${last}`, async () => {
    const response = await apps.audit.inject({
      method: 'GET',
      url: `/streams/${streamName}/anchor`,
      as: 'auditor',
    });
    const anchor =
      response.statusCode === 200
        ? response.json<{ sequence: string; head: { revision: string } }>()
        : undefined;
    return anchor?.head.revision === String(last)
      ? { sequence: anchor.sequence, revision: anchor.head.revision }
      : undefined;
  });
}

/**
 * Stores an anchor of one head signed with the service's key, as the worker
 * would have (a stream's events that are no longer in $all cannot be made
 * here: the embedded store keeps every event in $all).
 */
async function signedAnchorOf(pool: Pool, leaf: AnchoredLeaf): Promise<void> {
  const key = createPrivateKey(
    readFileSync(join(apps.audit.servers.env.AUDIT_DATA_DIR, 'signing-key.pem'), 'utf8'),
  );
  // The worker anchors every second: retried when it took the sequence first.
  await eventually('an anchor stored', async () => {
    const { rows } = await pool.query<{ sequence: string; root: string; through_position: string }>(
      'select sequence, root, through_position from audit.anchors order by sequence desc limit 1',
    );
    const fields = {
      sequence: BigInt(rows[0].sequence) + 1n,
      anchoredAt: new Date().toISOString(),
      root: merkleRoot([leaf]),
      leafCount: 1,
      previousRoot: rows[0].root,
    };
    const statement = anchorStatement(fields);
    const { keyId, publicKey } = publicKeyInfo(key);
    try {
      await pool.query(
        `with anchor as (
           insert into audit.anchors (sequence, anchored_at, root, leaf_count, previous_root, key_id,
             public_key, statement, signature, through_position, published_at)
           values ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, now()))
         insert into audit.anchored_heads (sequence, leaf_index, stream_name, revision, hash)
         values ($1, 0, $10, $11, $12)`,
        [
          fields.sequence.toString(),
          fields.anchoredAt,
          fields.root,
          fields.previousRoot,
          keyId,
          publicKey,
          statement,
          ed25519Signature(key, Buffer.from(statement)),
          rows[0].through_position,
          leaf.streamName,
          leaf.revision.toString(),
          leaf.hash,
        ],
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return undefined;
      throw error;
    }
  });
}
