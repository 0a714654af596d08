import {
  closeSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { crc32c } from '../crc32c';
import { syncDirectory } from './file-io';
import { FlushScheduler } from './flush-scheduler';

/** Length and CRC-32C before each entry, so that a torn last entry is recognised. */
const ENTRY_PREFIX = 8;

/**
 * An append-only file of length- and checksum-framed entries. Opening it hands
 * every whole entry to `replayEntry` and cuts off a torn or corrupt tail (the
 * write a crash interrupted, never acknowledged); once it holds many superseded
 * entries it is rewritten with only the live ones, atomically.
 */
export class ChecksummedLog {
  private fd: number;
  private size: number;
  private entriesInFile = 0;

  constructor(
    private readonly path: string,
    private readonly flusher: FlushScheduler,
    private readonly compactAfterEntries: number,
    replayEntry: (payload: Buffer) => void,
  ) {
    this.fd = openSync(path, 'a+');
    this.size = this.replay(replayEntry);
  }

  private replay(replayEntry: (payload: Buffer) => void): number {
    const data = readFileSync(this.path);
    let at = 0;
    while (at + ENTRY_PREFIX <= data.length) {
      const length = data.readUInt32BE(at);
      const end = at + ENTRY_PREFIX + length;
      if (end > data.length || data.readUInt32BE(at + 4) !== crc32c(data, at + ENTRY_PREFIX, end))
        break;
      replayEntry(data.subarray(at + ENTRY_PREFIX, end));
      this.entriesInFile += 1;
      at = end;
    }
    if (at < data.length) {
      ftruncateSync(this.fd, at);
      fsyncSync(this.fd);
    }
    return at;
  }

  /** Writes the entries to the end of the file (the page cache); `sync` makes them durable. */
  append(payloads: readonly Buffer[]): void {
    const data = frame(payloads);
    writeFully(this.fd, data, this.size);
    this.size += data.length;
    this.entriesInFile += payloads.length;
  }

  /** Resolves once everything appended so far is on disk. */
  sync(): Promise<void> {
    return this.flusher.sync(this.fd);
  }

  /**
   * Rewrites the file with only `live()` once it holds over `compactAfterEntries`
   * entries and more than twice as many as `liveEntries`.
   */
  compactIfMostlySuperseded(liveEntries: number, live: () => readonly Buffer[]): void {
    if (this.entriesInFile > this.compactAfterEntries && this.entriesInFile > 2 * liveEntries)
      this.rewrite(live());
  }

  /** Replaces the file atomically: written beside it, synced, renamed over it. */
  private rewrite(payloads: readonly Buffer[]): void {
    const temporary = `${this.path}.compacting`;
    const fd = openSync(temporary, 'w+');
    writeFully(fd, frame(payloads), 0);
    fsyncSync(fd);
    renameSync(temporary, this.path);
    syncDirectory(dirname(this.path));
    const previous = this.fd;
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.entriesInFile = payloads.length;
    // Writers still waiting on the old file are released by one last sync of it.
    void this.flusher.sync(previous).finally(() => closeSync(previous));
  }

  close(): void {
    closeSync(this.fd);
  }
}

function frame(payloads: readonly Buffer[]): Buffer {
  return Buffer.concat(
    payloads.flatMap((payload) => {
      const prefix = Buffer.allocUnsafe(ENTRY_PREFIX);
      prefix.writeUInt32BE(payload.length, 0);
      prefix.writeUInt32BE(crc32c(payload), 4);
      return [prefix, payload];
    }),
  );
}

function writeFully(fd: number, data: Buffer, position: number): void {
  let written = 0;
  while (written < data.length) {
    written += writeSync(fd, data, written, data.length - written, position + written);
  }
}
