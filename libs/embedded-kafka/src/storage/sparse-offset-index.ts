/**
 * In-memory sparse index of one segment: an entry (offset relative to the
 * segment base, byte position) every few KB of log, so memory grows with the
 * log's size divided by the interval, never with the records themselves.
 */
export class SparseOffsetIndex {
  private relativeOffsets: Int32Array = new Int32Array(64);
  private positions: Int32Array = new Int32Array(64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(relativeOffset: number, position: number): void {
    if (this.count === this.positions.length) {
      this.relativeOffsets = grow(this.relativeOffsets);
      this.positions = grow(this.positions);
    }
    this.relativeOffsets[this.count] = relativeOffset;
    this.positions[this.count] = position;
    this.count += 1;
  }

  /** Position of the last indexed batch starting at or before the offset (0 when none). */
  floorPosition(relativeOffset: number): number {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.relativeOffsets[middle] <= relativeOffset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found < 0 ? 0 : this.positions[found];
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
