import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigValidationError } from '@hirestream/platform';
import { startTestService } from './test-service.module';
import { TYPESCRIPT_NODE_ARGS } from '../../../tools/typescript-runtime';

const fixture = join(__dirname, 'fixtures', 'shutdown-service.ts');
const SHUTDOWN_BURST = 5_000;

describe('bootstrap', () => {
  it('fails fast, naming each bad variable and its rule', async () => {
    const started = startTestService({ PORT: 'eighty', AUTH_MODE: 'jwks', KAFKA_BROKERS: 'kafka' });
    await expect(started).rejects.toBeInstanceOf(ConfigValidationError);
    await expect(started).rejects.toThrow(/PORT: .*\(rule: isInt\)/);
    await expect(started).rejects.toThrow(/AUTH_JWKS_URL: .*\(rule: isUrl\)/);
    await expect(started).rejects.toThrow(/KAFKA_BROKERS: .*\(rule: matches\)/);
  });

  it('listens on PORT, and on SIGTERM stops and runs the shutdown hooks', async () => {
    const child = spawn(process.execPath, [...TYPESCRIPT_NODE_ARGS, fixture], {
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        AUTH_MODE: 'development',
        SHUTDOWN_LOG_BURST: String(SHUTDOWN_BURST),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const lines: Record<string, unknown>[] = [];
    const listening = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (text) => {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        const url = /listening on (\S+)/.exec(String(line.msg))?.[1];
        if (url !== undefined) resolve(url);
      });
      void exited.then(() => reject(new Error('service exited before listening')));
    });
    const url = await listening;
    expect(lines.every((line) => line.service === 'shutdown-fixture')).toBe(true);
    const live = await fetch(`${url}/health/live`);
    expect(live.status).toBe(200);

    child.kill('SIGTERM');
    await exited;
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'shutdown hook ran', context: 'ShutdownProbe' }),
    );
    expect(lines.filter((line) => String(line.msg).startsWith('draining '))).toHaveLength(
      SHUTDOWN_BURST,
    );
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  });
});
