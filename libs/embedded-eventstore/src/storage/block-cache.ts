/** Least-recently-used cache of fixed-size file blocks, so reads of nearby records share one disk read. */
export class BlockCache {
  private readonly blocks = new Map<number, Buffer>();
  private newest: number | undefined;

  constructor(private readonly capacity: number) {}

  get(blockNumber: number): Buffer | undefined {
    const block = this.blocks.get(blockNumber);
    if (block !== undefined && blockNumber !== this.newest) {
      // Re-inserting moves the entry to the most-recently-used end of the Map's order; a scan
      // reading many records from one block skips that churn.
      this.blocks.delete(blockNumber);
      this.blocks.set(blockNumber, block);
      this.newest = blockNumber;
    }
    return block;
  }

  /** Caches a block; returns the one evicted to make room, if any, so its memory can be reused. */
  set(blockNumber: number, block: Buffer): Buffer | undefined {
    this.blocks.delete(blockNumber);
    this.blocks.set(blockNumber, block);
    this.newest = blockNumber;
    if (this.blocks.size <= this.capacity) return undefined;
    const oldest = this.blocks.entries().next();
    if (oldest.done === true) return undefined;
    this.blocks.delete(oldest.value[0]);
    return oldest.value[1];
  }
}
