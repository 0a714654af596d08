/** Least-recently-used cache of fixed-size file blocks, so reads of nearby records share one disk read. */
export class BlockCache {
  private readonly blocks = new Map<number, Buffer>();

  constructor(private readonly capacity: number) {}

  get(blockNumber: number): Buffer | undefined {
    const block = this.blocks.get(blockNumber);
    if (block !== undefined) {
      // Re-inserting moves the entry to the most-recently-used end of the Map's order.
      this.blocks.delete(blockNumber);
      this.blocks.set(blockNumber, block);
    }
    return block;
  }

  set(blockNumber: number, block: Buffer): void {
    this.blocks.delete(blockNumber);
    this.blocks.set(blockNumber, block);
    if (this.blocks.size > this.capacity) {
      const oldest = this.blocks.keys().next();
      if (oldest.done !== true) this.blocks.delete(oldest.value);
    }
  }
}
