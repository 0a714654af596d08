import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICES } from '../tools/services';
import { freePort } from './support/free-port';
import { makeTempDir, removeTempDir } from './support/temp-dir';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';

it('starts the platform as `npm start` does: every service reports ready, and Ctrl-C stops everything', async () => {
  const dataDir = await makeTempDir('platform-start');
  const ports = Object.fromEntries(
    await Promise.all(
      ['eventstore', 'kafka', ...SERVICES.map((s) => s.name)].map(async (name) => [
        name,
        await freePort(),
      ]),
    ),
  );
  const args = Object.entries(ports).flatMap(([name, port]) => [`--${name}-port`, String(port)]);
  const start = spawn(
    process.execPath,
    [
      ...TYPESCRIPT_NODE_ARGS,
      join(__dirname, '..', 'tools', 'start.ts'),
      '--data-dir',
      dataDir,
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(start, 'exit');
  const output: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready in time:\n${output.slice(-20).join('\n')}`)),
        90_000,
      );
      createInterface({ input: start.stdout! }).on('line', (line) => {
        output.push(line);
        if (line === 'hirestream is ready') {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(() =>
        reject(new Error(`npm start exited:\n${output.slice(-20).join('\n')}`)),
      );
    });

    for (const service of SERVICES) {
      const url = `http://127.0.0.1:${ports[service.name]}`;
      expect(output.join('\n')).toContain(`${url}/docs`);
      const ready = await fetch(`${url}/health/ready`);
      expect(ready.status).toBe(200);
      const report = (await ready.json()) as { checks: { name: string; status: string }[] };
      expect(report.checks.map((c) => c.name)).toEqual(
        expect.arrayContaining(['eventstore', 'kafka', 'relay']),
      );
      expect(report.checks.every((c) => c.status === 'up')).toBe(true);
      expect((await fetch(`${url}/docs-json`)).status).toBe(200);
    }
    expect(output.join('\n')).toContain('npm run token -- --role');
  } finally {
    start.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(output).toContain('hirestream stopped');
    await removeTempDir(dataDir);
  }
  for (const service of SERVICES) {
    await expect(fetch(`http://127.0.0.1:${ports[service.name]}/health/live`)).rejects.toThrow();
  }
}, 120_000);
