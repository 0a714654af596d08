import { SingleBar } from 'cli-progress';

/** A progress bar over `total` steps; `payload` fills the `{names}` of its detail. */
export interface ProgressBar {
  update(done: number, payload?: Readonly<Record<string, string>>): void;
  stop(): void;
}

const SILENT: ProgressBar = { update: () => undefined, stop: () => undefined };

/**
 * A bar drawn on stderr while long work runs, only when stderr is a terminal:
 * piped or redirected output (and `--json` on stdout) stays free of it.
 * `detail` follows the bar: `{value}/{total} streams`, or names of the payload.
 */
export function progressBar(label: string, detail: string, total: number): ProgressBar {
  if (process.stderr.isTTY !== true) return SILENT;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}%  ${detail}  ETA {eta_formatted}`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  bar.start(Math.max(total, 1), 0);
  return {
    update: (done, payload) => bar.update(done, payload),
    stop: () => bar.stop(),
  };
}
