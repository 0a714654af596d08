import { jsonEvent } from '@eventstore/db-client';
import { candidateStreamName } from '@hirestream/contracts';
import {
  auditAppOptions,
  hiringSeeds,
  makeTempDir,
  removeTempDir,
  useServiceApps,
} from '@hirestream/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The `hirestream` command as users run it (node bin/hirestream.js, a child
// process) against the embedded servers and a listening audit service.

const apps = useServiceApps({ candidates: {}, scheduling: {}, audit: auditAppOptions() });
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
      manifest: { streamName: candidateStreamName(candidateId) },
    });

    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    const altered = join(dir, 'altered.tar');
    writeFileSync(altered, bytes);
    const failed = await hirestream('audit', 'verify-bundle', altered);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED');
  });
});
