import { join } from 'node:path';
import { ByteReader } from '../protocol/byte-reader';
import { ByteWriter } from '../protocol/byte-writer';
import { ChecksummedLog } from './checksummed-log';
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
  private readonly log: ChecksummedLog;

  constructor(dataDir: string, flusher: FlushScheduler) {
    this.log = new ChecksummedLog(
      join(dataDir, FILE_NAME),
      flusher,
      COMPACT_AFTER_ENTRIES,
      (payload) => this.replayEntry(payload),
    );
  }

  private replayEntry(payload: Buffer): void {
    const reader = new ByteReader(payload);
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
    this.log.append(entries.map((entry) => encodeEntry(groupId, entry)));
    for (const entry of entries) this.remember(groupId, entry);
    await this.settle();
  }

  /** Forgets every offset of a group (DeleteGroups); resolves once that is on disk. */
  async deleteGroup(groupId: string): Promise<void> {
    if (!this.groups.has(groupId)) return;
    this.log.append([encodeEntry(groupId, { ...GROUP_TOMBSTONE, offset: -1 })]);
    this.groups.delete(groupId);
    await this.settle();
  }

  private async settle(): Promise<void> {
    await this.log.sync();
    // Compaction keeps only the latest entry per partition.
    this.log.compactIfMostlySuperseded(this.liveEntries(), () =>
      [...this.groups].flatMap(([groupId, offsets]) =>
        [...offsets.values()].map((entry) => encodeEntry(groupId, entry)),
      ),
    );
  }

  private liveEntries(): number {
    let count = 0;
    for (const offsets of this.groups.values()) count += offsets.size;
    return count;
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
    this.log.close();
  }
}

function encodeEntry(groupId: string, entry: OffsetCommitEntry): Buffer {
  return new ByteWriter()
    .string(groupId)
    .string(entry.topic)
    .int32(entry.partition)
    .int64(entry.offset)
    .nullableString(entry.metadata)
    .toBuffer();
}
