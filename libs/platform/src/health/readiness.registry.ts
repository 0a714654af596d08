import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { CheckReport, ReadinessCheck, ReadinessReport } from './readiness-check';

/** A check that hangs must not hang the probe. */
const CHECK_TIMEOUT_MS = 3_000;

async function runCheck(check: ReadinessCheck): Promise<CheckReport> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, status: 'up', ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      name: check.name,
      status: 'down',
      error: message,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Where libraries register what `/health/ready` checks: inject it and call
 * `register` (typically in the constructor or `onModuleInit` of the provider
 * owning the connection). Once shutdown starts the service reports not ready.
 */
@Injectable()
export class ReadinessRegistry implements OnModuleDestroy {
  private readonly checks: ReadinessCheck[] = [];
  private shuttingDown = false;

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  async report(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map(runCheck));
    if (this.shuttingDown) {
      checks.push({
        name: 'shutdown',
        status: 'down',
        error: 'the service is shutting down',
        ms: 0,
      });
    }
    return { status: checks.every((c) => c.status === 'up') ? 'up' : 'down', checks };
  }
}
