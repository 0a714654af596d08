import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventIndex, type StreamEntry } from '../storage/event-index';
import { recoverLog } from '../storage/log-recovery';
import {
  createdTicksOf,
  decodeRecord,
  encodeCommit,
  rawRecordFields,
  type RawRecord,
  type StoredRecord,
} from '../storage/record-format';
import { syncDirectorySync } from '../storage/segment-files';
import { SegmentLog, type PlacedRecord } from '../storage/segment-log';
import {
  checkExpectedRevision,
  retriedFirstRevision,
  type ExpectedRevision,
  type StreamWriteState,
} from './expected-revision';
import { GroupCommit } from './group-commit';
import { RecentEventIds } from './recent-event-ids';
import type {
  AppendOutcome,
  DeleteOutcome,
  ProposedEvent,
  SystemEvent,
  SystemWriteOutcome,
} from './store-types';
import { randomUuidBytes } from './uuid-bytes';
import {
  DELETED_STREAM_TRUNCATE_BEFORE,
  isSoftDeleted,
  metadataWithTruncateBefore,
  metastreamOf,
  parseStreamMetadata,
  streamOfMetastream,
  type StreamMetadata,
} from '../storage/stream-metadata';

const TOMBSTONE_REVISION = 0x7fffffffffffffffn;
const TICKS_PER_MILLISECOND = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
const RECENT_EVENT_IDS = 50_000;
// EventStoreDB keeps only the latest metadata event of a `$$` stream unless told otherwise.
const METASTREAM_DEFAULT_METADATA: StreamMetadata = {
  maxCount: 1,
  maxAgeSeconds: undefined,
  truncateBefore: undefined,
  raw: {},
};

/** How a read sees a stream right now. */
export type StreamReadState =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'deleted' }
  | {
      readonly kind: 'found';
      readonly entry: StreamEntry;
      /** First and last visible revisions; empty when last < first. */
      readonly first: number;
      readonly last: number;
    };

/** The durable event store: a segment log, an in-memory index over it, and group-committed writes. */
export class EventStore {
  private readonly index = new EventIndex();
  private readonly recentIds = new RecentEventIds(RECENT_EVENT_IDS);
  private readonly log: SegmentLog;
  private readonly commits: GroupCommit;
  private readonly committedListeners = new Set<() => void>();
  private durable = 0;

  private constructor(dataDir: string) {
    if (mkdirSync(dataDir, { recursive: true }) !== undefined) syncDirectorySync(dirname(dataDir));
    const tail = recoverLog(dataDir, (position, buffer, offset) =>
      this.indexRecord(decodeRecord(buffer, offset), position),
    );
    this.durable = this.index.count;
    this.log = new SegmentLog(dataDir, tail);
    this.commits = new GroupCommit(this.log, () => this.markDurable());
  }

  /** Opens (recovering if needed) the store kept in `dataDir`. */
  static open(dataDir: string): EventStore {
    return new EventStore(dataDir);
  }

  /** Number of events (in $all order) that are on disk and visible to readers. */
  get durableCount(): number {
    return this.durable;
  }

  append(
    streamName: string,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): Promise<AppendOutcome> {
    return this.commits.submit((batch) => this.prepareAppend(streamName, expected, events, batch));
  }

  deleteStream(streamName: string, expected: ExpectedRevision): Promise<DeleteOutcome> {
    return this.commits.submit((batch) => this.prepareDelete(streamName, expected, batch, false));
  }

  tombstoneStream(streamName: string, expected: ExpectedRevision): Promise<DeleteOutcome> {
    return this.commits.submit((batch) => this.prepareDelete(streamName, expected, batch, true));
  }

  /**
   * Appends events to several streams (expected revision any) as one atomic commit, in the
   * order given; a soft-deleted stream is recreated as an append would. Refused as a whole
   * when one of the streams is tombstoned.
   */
  appendSystemEvents(events: readonly SystemEvent[]): Promise<SystemWriteOutcome> {
    return this.commits.submit((batch) => this.prepareSystemEvents(events, batch));
  }

  /** Calls `listener` after every batch becomes durable; returns the unsubscribe function. */
  onCommitted(listener: () => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  streamReadState(streamName: string): StreamReadState {
    const entry = this.index.stream(streamName);
    if (entry === undefined) return { kind: 'not_found' };
    if (entry.tombstoned) return { kind: 'deleted' };
    let durableRevisions = entry.seqs.length;
    while (durableRevisions > 0 && entry.seqs.at(durableRevisions - 1) >= this.durable)
      durableRevisions -= 1;
    const metadata = this.effectiveMetadata(entry);
    if (durableRevisions === 0 || isSoftDeleted(metadata)) return { kind: 'not_found' };
    const last = durableRevisions - 1;
    let first = 0;
    if (metadata?.truncateBefore !== undefined) first = Math.max(first, metadata.truncateBefore);
    if (metadata?.maxCount !== undefined) first = Math.max(first, last - metadata.maxCount + 1);
    return { kind: 'found', entry, first, last };
  }

  /** The event at `revision` if a read of its stream would show it now (as a link resolves it), else undefined. */
  readableEvent(streamName: string, revision: bigint): RawRecord | undefined {
    const seq = this.readableSeq(streamName, revision);
    return seq === undefined ? undefined : this.recordAt(seq);
  }

  /** Where the event `readableEvent` answers is in the log, else undefined. */
  readableSeq(streamName: string, revision: bigint): number | undefined {
    const state = this.streamReadState(streamName);
    if (state.kind !== 'found' || revision < BigInt(state.first) || revision > BigInt(state.last))
      return undefined;
    const seq = state.entry.seqs.at(Number(revision));
    const oldestTicks = this.oldestReadableTicks(state.entry);
    if (oldestTicks !== undefined && createdTicksOf(this.recordAt(seq)) < oldestTicks)
      return undefined;
    return seq;
  }

  /** The streams whose name starts with `prefix`. */
  streamsStartingWith(prefix: string): StreamEntry[] {
    return this.index.streams.filter((entry) => entry.name.startsWith(prefix));
  }

  /** The oldest `created` tick still readable in a stream with `$maxAge`, else undefined. */
  oldestReadableTicks(entry: StreamEntry): bigint | undefined {
    const maxAge = this.effectiveMetadata(entry)?.maxAgeSeconds;
    if (maxAge === undefined) return undefined;
    return BigInt(Date.now()) * TICKS_PER_MILLISECOND - BigInt(maxAge) * TICKS_PER_SECOND;
  }

  /** The stored bytes of the event at `seq`; the buffer may be shared, so use it before the next read. */
  recordAt(seq: number): RawRecord {
    const position = this.index.positionOf(seq);
    const { buffer, offset } = this.log.read(position);
    return { buffer, position, fields: rawRecordFields(buffer, offset) };
  }

  positionOf(seq: number): bigint {
    return BigInt(this.index.positionOf(seq));
  }

  streamIdOf(seq: number): number {
    return this.index.streamIdOf(seq);
  }

  typeIdOf(seq: number): number {
    return this.index.typeIdOf(seq);
  }

  streamName(streamId: number): string {
    return this.index.streamName(streamId);
  }

  typeName(typeId: number): string {
    return this.index.typeName(typeId);
  }

  /** The first durable event at or after `position` in $all (durableCount when none). */
  seqAtOrAfter(position: bigint): number {
    return this.index.firstSeqAtOrAfter(Number(position), this.durable);
  }

  async close(): Promise<void> {
    await this.commits.idle();
    this.log.close();
  }

  private prepareAppend(
    streamName: string,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
    batch: PlacedRecord[],
  ): AppendOutcome {
    const entry = this.index.streamOrCreate(streamName);
    const state = this.writeState(entry);
    if (!state.tombstoned) {
      const retried = this.alreadyWritten(entry, expected, events);
      if (retried !== undefined) return retried;
    }
    const check = checkExpectedRevision(expected, state);
    if (check === 'deleted') return { kind: 'stream_deleted' };
    if (check === 'wrong')
      return { kind: 'wrong_expected_version', expected, current: state.lastRevision };
    if (events.length === 0)
      return { kind: 'success', currentRevision: state.lastRevision, position: undefined };

    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const records: StoredRecord[] = [];
    let revision = entry.seqs.length;
    if (state.softDeleted) {
      // Writing to a soft-deleted stream recreates it: earlier revisions stay hidden behind `$tb`.
      records.push(this.metadataRecord(entry, String(revision), createdTicks));
    }
    for (const event of events) {
      records.push(eventRecord(event, streamName, revision, createdTicks));
      revision += 1;
    }
    const position = this.place(records, batch);
    return { kind: 'success', currentRevision: BigInt(revision - 1), position: BigInt(position) };
  }

  private prepareDelete(
    streamName: string,
    expected: ExpectedRevision,
    batch: PlacedRecord[],
    tombstone: boolean,
  ): DeleteOutcome {
    const entry = this.index.streamOrCreate(streamName);
    const state = this.writeState(entry);
    const check = checkExpectedRevision(expected, state);
    if (check === 'deleted') return { kind: 'stream_deleted' };
    if (check === 'wrong')
      return { kind: 'wrong_expected_version', expected, current: state.lastRevision };
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const record: StoredRecord = tombstone
      ? {
          streamName,
          revision: TOMBSTONE_REVISION,
          createdTicks,
          id: randomUuidBytes(),
          type: '$streamDeleted',
          contentType: 'application/octet-stream',
          data: Buffer.alloc(0),
          customMetadata: Buffer.alloc(0),
          tombstone: true,
        }
      : this.metadataRecord(entry, DELETED_STREAM_TRUNCATE_BEFORE, createdTicks);
    return { kind: 'success', position: BigInt(this.place([record], batch)) };
  }

  private prepareSystemEvents(
    events: readonly SystemEvent[],
    batch: PlacedRecord[],
  ): SystemWriteOutcome {
    const createdTicks = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const records: StoredRecord[] = [];
    const nextRevisions = new Map<string, number>();
    for (const { streamName, event } of events) {
      const entry = this.index.streamOrCreate(streamName);
      if (entry.tombstoned) return { kind: 'stream_deleted', streamName };
      let revision = nextRevisions.get(streamName);
      if (revision === undefined) {
        revision = entry.seqs.length;
        if (isSoftDeleted(entry.metadata))
          records.push(this.metadataRecord(entry, String(revision), createdTicks));
      }
      records.push(eventRecord(event, streamName, revision, createdTicks));
      nextRevisions.set(streamName, revision + 1);
    }
    if (records.length > 0) this.place(records, batch);
    return { kind: 'success' };
  }

  /** A `$metadata` event for the stream's `$$` stream: its current metadata with `$tb` replaced. */
  private metadataRecord(
    entry: StreamEntry,
    truncateBefore: string,
    createdTicks: bigint,
  ): StoredRecord {
    const metastream = this.index.streamOrCreate(metastreamOf(entry.name));
    return {
      streamName: metastream.name,
      revision: BigInt(metastream.seqs.length),
      createdTicks,
      id: randomUuidBytes(),
      type: '$metadata',
      contentType: 'application/json',
      data: metadataWithTruncateBefore(entry.metadata?.raw ?? {}, truncateBefore),
      customMetadata: Buffer.alloc(0),
      tombstone: false,
    };
  }

  /** A retry of events already written at the place the expected revision names is answered as written. */
  private alreadyWritten(
    entry: StreamEntry,
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    if (events.length === 0) return undefined;
    const first = this.recentIds.find(events[0].id);
    if (first === undefined || first.streamId !== entry.id) return undefined;
    const pinned = retriedFirstRevision(expected);
    if (pinned !== undefined && BigInt(first.revision) !== pinned) return undefined;
    for (let i = 1; i < events.length; i += 1) {
      const location = this.recentIds.find(events[i].id);
      if (
        location === undefined ||
        location.streamId !== entry.id ||
        location.revision !== first.revision + i
      ) {
        return undefined;
      }
    }
    const lastRevision = first.revision + events.length - 1;
    const seq = entry.seqs.at(lastRevision);
    return {
      kind: 'success',
      currentRevision: BigInt(lastRevision),
      position: this.positionOf(seq),
    };
  }

  /** Encodes records as one atomic commit, reserves log space, indexes them; returns the last position. */
  private place(records: readonly StoredRecord[], batch: PlacedRecord[]): number {
    // Encode everything first: a record refused here must not leave half a commit behind.
    const { bytes, offsets } = encodeCommit(records);
    // A commit never straddles segments, so recovery always finds its records together.
    const start = this.log.allocate(bytes.length);
    batch.push({ position: start, bytes });
    records.forEach((record, i) => this.indexRecord(record, start + offsets[i]));
    return start + offsets[offsets.length - 1];
  }

  private indexRecord(record: StoredRecord, position: number): void {
    const entry = this.index.streamOrCreate(record.streamName);
    const seq = this.index.add(position, entry, record.type);
    if (record.tombstone) {
      entry.tombstoned = true;
      return;
    }
    entry.seqs.push(seq);
    this.recentIds.remember(record.id, { streamId: entry.id, revision: entry.seqs.length - 1 });
    const described = streamOfMetastream(record.streamName);
    if (described !== undefined && record.type === '$metadata') {
      this.index.streamOrCreate(described).metadata = parseStreamMetadata(record.data);
    }
  }

  private writeState(entry: StreamEntry): StreamWriteState {
    return {
      lastRevision: entry.seqs.length === 0 ? undefined : BigInt(entry.seqs.length - 1),
      softDeleted: isSoftDeleted(entry.metadata),
      tombstoned: entry.tombstoned,
    };
  }

  private effectiveMetadata(entry: StreamEntry): StreamMetadata | undefined {
    if (entry.metadata !== undefined) return entry.metadata;
    return streamOfMetastream(entry.name) === undefined ? undefined : METASTREAM_DEFAULT_METADATA;
  }

  private markDurable(): void {
    this.durable = this.index.count;
    for (const listener of this.committedListeners) listener();
  }
}

/** A proposed event as stored at `revision` of its stream. */
function eventRecord(
  event: ProposedEvent,
  streamName: string,
  revision: number,
  createdTicks: bigint,
): StoredRecord {
  return { ...event, streamName, revision: BigInt(revision), createdTicks, tombstone: false };
}
