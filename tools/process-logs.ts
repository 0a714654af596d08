import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

/** Where an output line came from. */
export type OutputStream = 'stdout' | 'stderr';

const SHOWN_LEVELS: ReadonlySet<string> = new Set(['warn', 'error', 'fatal']);
// pino's numbers, for a logger configured without level labels.
const WARN_LEVEL = 40;

/**
 * What `npm start` prints of a process's output line (null: only its log
 * file has it): a JSON log line at warn or above as `[name] level: message`
 * (with the error's message), any other line written to stderr as it is (a
 * crash), nothing else.
 */
export function terminalLine(name: string, line: string, stream: OutputStream): string | null {
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return stream === 'stderr' ? `[${name}] ${line}` : null;
  }
  if (typeof entry !== 'object' || entry === null) {
    return stream === 'stderr' ? `[${name}] ${line}` : null;
  }
  const { level, msg, err } = entry as { level?: unknown; msg?: unknown; err?: unknown };
  const label =
    typeof level === 'number'
      ? level >= WARN_LEVEL
        ? level >= 50
          ? 'error'
          : 'warn'
        : ''
      : level;
  if (typeof label !== 'string' || !SHOWN_LEVELS.has(label)) return null;
  const cause =
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { message?: unknown }).message === 'string'
      ? ` (${(err as { message: string }).message})`
      : '';
  return `[${name}] ${label}: ${typeof msg === 'string' ? msg : line}${cause}`;
}

/**
 * The output of the processes `npm start` runs: every line appended to
 * `<dir>/<name>.log`; the terminal gets every line with `verbose`, else only
 * what `terminalLine` picks.
 */
export class ProcessLogs {
  private readonly files: WriteStream[] = [];

  constructor(
    readonly dir: string,
    private readonly verbose: boolean,
    private readonly print: (line: string) => void,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  fileOf(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  /** The line handler of process `name`. */
  lineHandler(name: string): (line: string, stream: OutputStream) => void {
    const file = createWriteStream(this.fileOf(name), { flags: 'a' });
    // A full disk must not stop the platform: the terminal still shows what matters.
    file.on('error', () => undefined);
    this.files.push(file);
    return (line, stream) => {
      file.write(`${line}\n`);
      const shown = this.verbose ? `[${name}] ${line}` : terminalLine(name, line, stream);
      if (shown !== null) this.print(shown);
    };
  }

  /** Flushes and closes every log file. */
  async close(): Promise<void> {
    await Promise.all(
      this.files.map((file) => new Promise<void>((resolve) => file.end(() => resolve()))),
    );
  }
}
