import type { StreamMetadata } from './stream-metadata';

/** What the server keeps in memory per stream: where each revision lives, and its state. */
export interface StreamEntry {
  readonly id: number;
  readonly name: string;
  /** Global sequence number (index into the $all arrays) of each revision, in revision order. */
  readonly seqs: SeqList;
  tombstoned: boolean;
  metadata: StreamMetadata | undefined;
}

// Per-event columns grow by fixed chunks: doubling one array would copy it and leave the old
// copy (8 MB at a million events) as garbage, and overshoot by up to half.
const CHUNK_BITS = 16;
const CHUNK_EVENTS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_EVENTS - 1;
const SMALL_STREAM_REVISIONS = 32;
// Shared by every stream still small: it is replaced, never written to.
const NO_REVISIONS = new Uint32Array(0);

/**
 * A stream's sequence numbers. Most streams are short and a small array is cheapest for them;
 * a long one moves to a typed array (4 bytes a revision, outside the GC'd heap, instead of
 * 8 bytes plus growth slack in a JS array that every major GC walks).
 */
export class SeqList {
  private small: number[] | undefined = [];
  private large = NO_REVISIONS;
  private size = 0;

  get length(): number {
    return this.size;
  }

  at(revision: number): number {
    return this.small === undefined ? this.large[revision] : this.small[revision];
  }

  push(seq: number): void {
    if (this.small !== undefined) {
      if (this.size < SMALL_STREAM_REVISIONS) {
        this.small.push(seq);
        this.size += 1;
        return;
      }
      this.grow();
    } else if (this.size === this.large.length) {
      this.grow();
    }
    this.large[this.size] = seq;
    this.size += 1;
  }

  private grow(): void {
    const larger = new Uint32Array(Math.max(SMALL_STREAM_REVISIONS * 2, this.size * 2));
    if (this.small === undefined) larger.set(this.large);
    else larger.set(this.small);
    this.large = larger;
    this.small = undefined;
  }
}

/**
 * The in-memory index over the log: per event its position, stream and type
 * (typed arrays, 16 bytes an event), and per stream its revisions. Bodies stay on disk.
 * Positions are held as doubles: exact up to 2^53 bytes of log.
 */
export class EventIndex {
  private readonly positions: Float64Array[] = [];
  private readonly streamIds: Uint32Array[] = [];
  private readonly typeIds: Uint32Array[] = [];
  private readonly streamsByName = new Map<string, StreamEntry>();
  private readonly streamsById: StreamEntry[] = [];
  private readonly typeNames: string[] = [];
  private readonly typeIdsByName = new Map<string, number>();
  private size = 0;

  get count(): number {
    return this.size;
  }

  stream(name: string): StreamEntry | undefined {
    return this.streamsByName.get(name);
  }

  /** Every stream the log has named, in the order they first appeared. */
  get streams(): readonly StreamEntry[] {
    return this.streamsById;
  }

  streamOrCreate(name: string): StreamEntry {
    let entry = this.streamsByName.get(name);
    if (entry === undefined) {
      entry = {
        id: this.streamsById.length,
        name,
        seqs: new SeqList(),
        tombstoned: false,
        metadata: undefined,
      };
      this.streamsByName.set(name, entry);
      this.streamsById.push(entry);
    }
    return entry;
  }

  /** Records one event and returns its global sequence number. */
  add(position: number, stream: StreamEntry, type: string): number {
    const seq = this.size;
    const chunk = seq >>> CHUNK_BITS;
    if (chunk === this.positions.length) {
      this.positions.push(new Float64Array(CHUNK_EVENTS));
      this.streamIds.push(new Uint32Array(CHUNK_EVENTS));
      this.typeIds.push(new Uint32Array(CHUNK_EVENTS));
    }
    const slot = seq & CHUNK_MASK;
    this.positions[chunk][slot] = position;
    this.streamIds[chunk][slot] = stream.id;
    this.typeIds[chunk][slot] = this.typeId(type);
    this.size += 1;
    return seq;
  }

  positionOf(seq: number): number {
    return this.positions[seq >>> CHUNK_BITS][seq & CHUNK_MASK];
  }

  streamOf(seq: number): StreamEntry {
    return this.streamsById[this.streamIdOf(seq)];
  }

  streamIdOf(seq: number): number {
    return this.streamIds[seq >>> CHUNK_BITS][seq & CHUNK_MASK];
  }

  typeIdOf(seq: number): number {
    return this.typeIds[seq >>> CHUNK_BITS][seq & CHUNK_MASK];
  }

  typeName(typeId: number): string {
    return this.typeNames[typeId];
  }

  streamName(streamId: number): string {
    return this.streamsById[streamId].name;
  }

  /** The first sequence number among the first `limit` whose position is at or after `position`. */
  firstSeqAtOrAfter(position: number, limit: number): number {
    let low = 0;
    let high = limit;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.positionOf(middle) < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private typeId(type: string): number {
    let id = this.typeIdsByName.get(type);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeNames.push(type);
      this.typeIdsByName.set(type, id);
    }
    return id;
  }
}
