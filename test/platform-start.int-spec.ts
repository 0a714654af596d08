import { hirestreamEventCatalog } from '@hirestream/contracts';
import { postgresDataFolder } from '@hirestream/embedded-postgres';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../tools/services';
import { isProcessRunning } from '../libs/platform/src/bootstrap/parent-watch';
import {
  freePlatformPorts,
  killLeftovers,
  postmasterPid,
  startPlatform,
} from './support/platform-process';
import { bearer } from './support/tokens';
import { makeTempDir, removeTempDir } from './support/temp-dir';

afterAll(killLeftovers);

it('starts the platform as `npm start` does on a fresh data folder: PostgreSQL and every service report ready, the services read from PostgreSQL, each process logs to <data>/logs while the terminal shows the banner, and Ctrl-C stops everything', async () => {
  const dataDir = await makeTempDir('platform-start');
  const ports = await freePlatformPorts();
  const start = startPlatform({ dataDir, ports, via: 'node' });
  const output = start.output;
  let postmaster: number | undefined;
  try {
    await start.waitForLine('hirestream is ready', 90_000);
    postmaster = postmasterPid(dataDir);

    for (const service of SERVICES) {
      const url = `http://127.0.0.1:${ports[service.name]}`;
      expect(output.join('\n')).toContain(`${url}/docs`);
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      const report = (await ready.json()) as { checks: { name: string; status: string }[] };
      // A service that owns no events (notifications) runs no relay.
      const owns = hirestreamEventCatalog.typesOwnedBy(service.name).length > 0;
      expect(report.checks.map((c) => c.name)).toEqual(
        expect.arrayContaining(['eventstore', 'kafka', 'postgres', ...(owns ? ['relay'] : [])]),
      );
      expect(report.checks.every((c) => c.status === 'up')).toBe(true);
      expect((await fetch(`${url}/docs-json`)).status).toBe(200);
    }
    expect(output.join('\n')).toContain('npm run token -- --role');
    // The banner: a label, then its value, the values aligned in one column.
    const bannerLine = (label: string) =>
      output.find((line) => line.startsWith(`  ${label} `)) ?? `(no ${label} line)`;
    const banner = (label: string, value: string) =>
      expect(bannerLine(label).slice(`  ${label}`.length).trim()).toBe(value);
    banner(
      'PostgreSQL',
      `postgres://hirestream:hirestream-development@127.0.0.1:${ports.postgres}/hirestream`,
    );
    banner(
      'Screening',
      `http://127.0.0.1:${ports['screening-provider']}   (embedded provider, results to background-checks)`,
    );
    banner(
      'Mailbox',
      `http://127.0.0.1:${ports.mailbox}   (what candidates were sent; SMTP on ${ports.smtp})`,
    );
    banner(
      'console',
      `http://127.0.0.1:${ports.audit}/console   (the auditor's console, with an auditor's token)`,
    );
    const valueColumn = (label: string) => {
      const line = bannerLine(label);
      return line.length - line.slice(`  ${label}`.length).trimStart().length;
    };
    expect(new Set(['PostgreSQL', 'background-checks', 'console'].map(valueColumn)).size).toBe(1);
    expect(existsSync(join(postgresDataFolder(join(dataDir, 'postgres')), 'PG_VERSION'))).toBe(
      true,
    );

    // A readable start: no service's JSON log lines (route mappings and the like) on the terminal,
    // a line per process, the banner; the service's JSON lines in its own log file.
    const terminal = output.slice(0, output.indexOf('hirestream is ready'));
    expect(terminal.filter((line) => line.includes('{"level"'))).toEqual([]);
    expect(terminal.filter((line) => line.startsWith('started '))).toHaveLength(
      SERVICES.length + 1,
    );
    banner('logs', `${join(dataDir, 'logs')}/<service>.log`);
    for (const service of SERVICES) {
      const logged = readFileSync(join(dataDir, 'logs', `${service.name}.log`), 'utf8')
        .split('\n')
        .filter(Boolean);
      expect(logged.length).toBeGreaterThan(5);
      expect(JSON.parse(logged[0])).toMatchObject({ service: service.name });
    }
    expect(readFileSync(join(dataDir, 'logs', 'devstack.log'), 'utf8')).toContain('devstack ready');

    // The candidate list is a projection in PostgreSQL, and includes the caller's own writes.
    const candidates = `http://127.0.0.1:${ports.candidates}/candidates`;
    const authorization = await bearer('recruiter-1', ['recruiter']);
    const registered = await fetch(candidates, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': 'application/json',
        'idempotency-key': 'platform-start',
      },
      body: JSON.stringify({
        fullName: 'Ada Lovelace',
        email: 'ada@example.org',
        jobId: 'job-platform-start',
        source: 'referral',
      }),
    });
    expect(registered.status).toBe(201);
    const { id } = (await registered.json()) as { id: string };
    const listed = await fetch(`${candidates}?jobId=job-platform-start`, {
      headers: { authorization },
    });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toMatchObject({ total: 1, items: [{ id }] });
  } finally {
    start.launcher.kill('SIGINT');
    await start.exited.finally(() => removeTempDir(dataDir));
  }
  expect(await start.exited).toBe(0);
  expect(output).toContain('hirestream stopped');
  for (const service of SERVICES) {
    await expect(fetch(`http://127.0.0.1:${ports[service.name]}/health/live`)).rejects.toThrow();
  }
  expect(postmaster !== undefined && isProcessRunning(postmaster)).toBe(false);
}, 120_000);
