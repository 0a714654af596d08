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
import { join } from 'node:path';
import { crc32c } from '../crc32c';
import { ByteReader } from '../protocol/byte-reader';
import { ByteWriter } from '../protocol/byte-writer';
import { syncDirectory } from './file-io';
import { FlushScheduler } from './flush-scheduler';

export interface CommittedOffset {
  readonly offset: number;
  readonly metadata: string | null;
}

export interface OffsetCommitEntry extends CommittedOffset {
  readonly topic: string;
  readonly partition: number;
}

const FILE_NAME = 'committed-offsets.log';
/** Length and CRC-32C before each entry, so that a torn last entry is recognised. */
const ENTRY_PREFIX = 8;
const COMPACT_AFTER_ENTRIES = 50_000;
/**
 * An entry with this topic (no topic has an empty name) and partition is a
 * group's tombstone: on replay it drops every offset the group committed before.
 */
const GROUP_TOMBSTONE: Omit<OffsetCommitEntry, 'offset'> = {
  topic: '',
  partition: -1,
  metadata: null,
};

/**
 * Committed consumer-group offsets: an append-only file of entries, replayed
 * on start and rewritten (compacted) once it holds many superseded entries.
 */
export class OffsetStore {
  private readonly groups = new Map<string, Map<string, OffsetCommitEntry>>();
  private readonly path: string;
  private fd: number;
  private size: number;
  private entriesInFile = 0;

  constructor(
    private readonly dataDir: string,
    private readonly flusher: FlushScheduler,
  ) {
    this.path = join(dataDir, FILE_NAME);
    this.fd = openSync(this.path, 'a+');
    this.size = this.replay();
  }

  private replay(): number {
    const data = readFileSync(this.path);
    let at = 0;
    while (at + ENTRY_PREFIX <= data.length) {
      const length = data.readUInt32BE(at);
      const end = at + ENTRY_PREFIX + length;
      if (end > data.length || data.readUInt32BE(at + 4) !== crc32c(data, at + ENTRY_PREFIX, end))
        break;
      const reader = new ByteReader(data.subarray(at + ENTRY_PREFIX, end));
      const groupId = reader.string();
      const entry = {
        topic: reader.string(),
        partition: reader.int32(),
        offset: reader.int64(),
        metadata: reader.nullableString(),
      };
      if (entry.topic === GROUP_TOMBSTONE.topic && entry.partition === GROUP_TOMBSTONE.partition)
        this.groups.delete(groupId);
      else this.remember(groupId, entry);
      this.entriesInFile += 1;
      at = end;
    }
    if (at < data.length) {
      ftruncateSync(this.fd, at);
      fsyncSync(this.fd);
    }
    return at;
  }

  private remember(groupId: string, entry: OffsetCommitEntry): void {
    let offsets = this.groups.get(groupId);
    if (!offsets) {
      offsets = new Map();
      this.groups.set(groupId, offsets);
    }
    offsets.set(`${entry.topic}\u0000${entry.partition}`, entry);
  }

  /** Stores the offsets; resolves once they are on disk. */
  async commit(groupId: string, entries: readonly OffsetCommitEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.append(groupId, entries);
    for (const entry of entries) this.remember(groupId, entry);
    await this.settle();
  }

  /** Forgets every offset of a group (DeleteGroups); resolves once that is on disk. */
  async deleteGroup(groupId: string): Promise<void> {
    if (!this.groups.has(groupId)) return;
    this.append(groupId, [{ ...GROUP_TOMBSTONE, offset: -1 }]);
    this.groups.delete(groupId);
    await this.settle();
  }

  private append(groupId: string, entries: readonly OffsetCommitEntry[]): void {
    const data = Buffer.concat(entries.map((entry) => encodeEntry(groupId, entry)));
    let written = 0;
    while (written < data.length) {
      written += writeSync(this.fd, data, written, data.length - written, this.size + written);
    }
    this.size += data.length;
    this.entriesInFile += entries.length;
  }

  private async settle(): Promise<void> {
    await this.flusher.sync(this.fd);
    if (this.entriesInFile > COMPACT_AFTER_ENTRIES && this.entriesInFile > 2 * this.liveEntries())
      this.compact();
  }

  private liveEntries(): number {
    let count = 0;
    for (const offsets of this.groups.values()) count += offsets.size;
    return count;
  }

  /** Rewrites the file with only the latest entry per partition, replacing it atomically. */
  private compact(): void {
    const temporary = `${this.path}.compacting`;
    const fd = openSync(temporary, 'w+');
    const encoded: Buffer[] = [];
    for (const [groupId, offsets] of this.groups) {
      for (const entry of offsets.values()) encoded.push(encodeEntry(groupId, entry));
    }
    const data = Buffer.concat(encoded);
    writeSync(fd, data, 0, data.length, 0);
    fsyncSync(fd);
    renameSync(temporary, this.path);
    syncDirectory(this.dataDir);
    const previous = this.fd;
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.entriesInFile = encoded.length;
    // Commits still waiting on the old file are released by one last sync of it.
    void this.flusher.sync(previous).finally(() => closeSync(previous));
  }

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(groupId)?.get(`${topic}\u0000${partition}`);
  }

  entriesOf(groupId: string): OffsetCommitEntry[] {
    return [...(this.groups.get(groupId)?.values() ?? [])];
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  close(): void {
    closeSync(this.fd);
  }
}

function encodeEntry(groupId: string, entry: OffsetCommitEntry): Buffer {
  const payload = new ByteWriter()
    .string(groupId)
    .string(entry.topic)
    .int32(entry.partition)
    .int64(entry.offset)
    .nullableString(entry.metadata)
    .toBuffer();
  const prefix = Buffer.allocUnsafe(ENTRY_PREFIX);
  prefix.writeUInt32BE(payload.length, 0);
  prefix.writeUInt32BE(crc32c(payload), 4);
  return Buffer.concat([prefix, payload]);
}
