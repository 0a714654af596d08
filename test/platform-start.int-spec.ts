import { SERVICES } from '../tools/services';
import { freePlatformPorts, killLeftovers, startPlatform } from './support/platform-process';
import { makeTempDir, removeTempDir } from './support/temp-dir';

afterAll(killLeftovers);

it('starts the platform as `npm start` does: every service reports ready, and Ctrl-C stops everything', async () => {
  const dataDir = await makeTempDir('platform-start');
  const ports = await freePlatformPorts();
  const start = startPlatform({ dataDir, ports, via: 'node' });
  const output = start.output;
  try {
    await start.waitForLine('hirestream is ready', 90_000);

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
    start.launcher.kill('SIGINT');
    await start.exited.finally(() => removeTempDir(dataDir));
  }
  expect(await start.exited).toBe(0);
  expect(output).toContain('hirestream stopped');
  for (const service of SERVICES) {
    await expect(fetch(`http://127.0.0.1:${ports[service.name]}/health/live`)).rejects.toThrow();
  }
}, 120_000);
