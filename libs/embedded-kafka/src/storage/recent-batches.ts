interface RecentBatch {
  readonly baseOffset: number;
  readonly nextOffset: number;
  readonly data: Buffer;
}

/**
 * The last few hundred KB appended to a partition, kept in memory so that
 * consumers that are caught up (the common case) are answered without a disk
 * read. Older data is always read from the segment files.
 */
export class RecentBatches {
  private batches: RecentBatch[] = [];
  private first = 0;
  private bytes = 0;

  constructor(private readonly capacityBytes: number) {}

  add(baseOffset: number, nextOffset: number, batch: Buffer): void {
    // A batch that is most of its request's buffer is kept as is; a small part of a large one is copied.
    const data = batch.length * 2 >= batch.buffer.byteLength ? batch : Buffer.from(batch);
    this.batches.push({ baseOffset, nextOffset, data });
    this.bytes += batch.length;
    while (this.bytes > this.capacityBytes && this.batches.length - this.first > 1) {
      this.bytes -= this.batches[this.first].data.length;
      this.first += 1;
    }
    // Compact the array now and then instead of shifting it on every eviction.
    if (this.first > 1024) {
      this.batches = this.batches.slice(this.first);
      this.first = 0;
    }
  }

  /**
   * Whole batches from the one containing `offset`, ending at or before
   * `endOffset`, at most `maxBytes` (the first batch always), or undefined when
   * `offset` is older than what is kept.
   */
  read(offset: number, maxBytes: number, endOffset: number): Buffer[] | undefined {
    if (this.first >= this.batches.length || offset < this.batches[this.first].baseOffset)
      return undefined;
    let low = this.first;
    let high = this.batches.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.batches[middle].nextOffset <= offset) low = middle + 1;
      else high = middle;
    }
    const result: Buffer[] = [];
    let size = 0;
    for (let i = low; i < this.batches.length; i++) {
      const batch = this.batches[i];
      if (batch.nextOffset <= offset || batch.nextOffset > endOffset) break;
      if (result.length > 0 && size + batch.data.length > maxBytes) break;
      result.push(batch.data);
      size += batch.data.length;
    }
    return result;
  }

  clear(): void {
    this.batches = [];
    this.first = 0;
    this.bytes = 0;
  }
}
