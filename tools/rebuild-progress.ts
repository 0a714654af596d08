/** How far back the rate is measured, so the ETA follows the current pace. */
const RATE_WINDOW_MS = 10_000;
/** On a pipe or a file the progress is a line now and then, not a redrawn bar. */
const LINE_EVERY_MS = 5_000;
const BAR_WIDTH = 30;

const numbers = new Intl.NumberFormat('en-US');

/** `1h 02m`, `3m 20s`, `45s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}

type Sample = Readonly<{ at: number; applied: number; total: number | undefined }>;

/**
 * The progress bar of a rebuild: events the new generation applied against
 * what the live build has (which keeps growing), the rate, and an ETA from the
 * pace at which the gap closes. `exact` when the total is the same version's
 * (else it is an estimate, shown with `~`).
 */
export class RebuildProgress {
  private readonly samples: Sample[] = [];
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly exact: boolean,
  ) {}

  show(applied: bigint, total: bigint | undefined, now = Date.now()): void {
    const sample = {
      at: now,
      applied: Number(applied),
      total: total === undefined ? undefined : Number(total),
    };
    this.samples.push(sample);
    while (this.samples.length > 2 && now - this.samples[0].at > RATE_WINDOW_MS) {
      this.samples.shift();
    }
    const line = this.describe(sample);
    if (this.out.isTTY) {
      this.out.write(`\r${line}\u001b[K`);
      this.drawn = true;
    } else if (now - this.lastLineAt >= LINE_EVERY_MS) {
      this.out.write(`${line}\n`);
      this.lastLineAt = now;
    }
  }

  /** The last line, at 100%, once the build went live. */
  finish(applied: bigint): void {
    const count = Number(applied);
    this.samples.push({ at: Date.now(), applied: count, total: count });
    this.out.write(`${this.out.isTTY ? '\r' : ''}${this.describe(this.samples.at(-1)!)}\n`);
    this.drawn = false;
  }

  /** Ends a redrawn bar's line, before something else is printed. */
  end(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }

  private describe({ applied, total }: Sample): string {
    const rate = this.rate((sample) => sample.applied);
    const parts: string[] = [];
    if (total !== undefined && total > 0) {
      const fraction = Math.min(1, applied / total);
      const filled = Math.round(fraction * BAR_WIDTH);
      parts.push(
        `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
        `${String(Math.floor(fraction * 100)).padStart(3)}%`,
        `${numbers.format(applied)} of ${this.exact ? '' : '~'}${numbers.format(total)} events`,
      );
    } else {
      parts.push(`${numbers.format(applied)} events`);
    }
    if (rate !== undefined) parts.push(`${numbers.format(Math.round(rate))} events/s`);
    parts.push(`ETA ${this.eta(applied, total)}`);
    return parts.join('  ');
  }

  /** Events per second of `measure` over the window, once it spans a second. */
  private rate(measure: (sample: Sample) => number | undefined): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (first === undefined || last === undefined || last.at - first.at < 1_000) return undefined;
    const from = measure(first);
    const to = measure(last);
    if (from === undefined || to === undefined) return undefined;
    return ((to - from) * 1000) / (last.at - first.at);
  }

  private eta(applied: number, total: number | undefined): string {
    if (total === undefined) return '--';
    if (applied >= total) return '0s';
    const building = this.rate((sample) => sample.applied);
    const growing = this.rate((sample) => sample.total) ?? 0;
    const closing = building === undefined ? undefined : building - growing;
    if (closing === undefined || closing <= 0) return '--';
    return formatDuration(((total - applied) / closing) * 1000);
  }
}
