import { spawn, spawnSync } from 'node:child_process';

const kcatVersion = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
/** Why kcat cannot run here, or undefined when it is installed. */
const kcatMissing = kcatVersion.error ? kcatVersion.error.message : undefined;

/** kcat (librdkafka) as an independent client; skipped with the reason printed where it is not installed. */
export function describeWithKcat(name: string, suite: () => void): void {
  if (kcatMissing) {
    process.stdout.write(
      `skipping "${name}": kcat is not installed (${kcatMissing}); apt-get install -y kcat\n`,
    );
    describe.skip(name, suite);
  } else {
    describe(name, suite);
  }
}

export interface KcatRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs kcat to its end (killed after `timeoutMs`), whatever its exit code. It runs
 * as a child process because the broker under test shares this event loop.
 */
export function runKcat(args: readonly string[], input = '', timeoutMs = 30_000): Promise<KcatRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Runs kcat and resolves with what it printed; rejects when it exits unsuccessfully. */
export async function kcat(args: readonly string[], input = ''): Promise<string> {
  const run = await runKcat(args, input);
  if (run.code !== 0)
    throw new Error(`kcat ${args.join(' ')} exited with ${String(run.code)}: ${run.stderr}`);
  return run.stdout;
}

/** kcat's output as its non-empty lines. */
export function outputLines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '');
}
