import { spawn, spawnSync } from 'node:child_process';

const kcatVersion = spawnSync('kcat', ['-V'], { encoding: 'utf8' });
/** Why kcat cannot run here, or undefined when it is installed. */
export const kcatMissing = kcatVersion.error ? kcatVersion.error.message : undefined;

export interface KcatRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kcat to its end (killed after `timeoutMs`), whatever its exit code. */
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
