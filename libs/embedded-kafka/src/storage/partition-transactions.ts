/** An aborted transaction as Fetch reports it, plus the offset of its abort marker. */
export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

/**
 * Transactions as one partition sees them: the first offset of each
 * producer's open transaction (which bounds the last stable offset) and the
 * aborted ones (Kafka's `.txnindex`), rebuilt from the log's batches on start.
 */
export class PartitionTransactions {
  private readonly ongoing = new Map<number, number>();
  /** In the order of their markers, so by `lastOffset`. */
  private aborted: AbortedTransaction[] = [];

  get hasOngoing(): boolean {
    return this.ongoing.size > 0;
  }

  isOngoing(producerId: number): boolean {
    return this.ongoing.has(producerId);
  }

  /** A transactional data batch at `offset`: the producer's transaction starts here unless it is already open. */
  recordData(producerId: number, offset: number): void {
    if (!this.ongoing.has(producerId)) this.ongoing.set(producerId, offset);
  }

  /** An end marker at `offset` closes the producer's open transaction. */
  recordMarker(producerId: number, offset: number, committed: boolean): void {
    const firstOffset = this.ongoing.get(producerId);
    if (firstOffset === undefined) return;
    this.ongoing.delete(producerId);
    if (!committed) this.aborted.push({ producerId, firstOffset, lastOffset: offset });
  }

  /** The first offset of the earliest open transaction, or undefined when none is open. */
  firstOngoingOffset(): number | undefined {
    let first: number | undefined;
    for (const offset of this.ongoing.values()) {
      if (first === undefined || offset < first) first = offset;
    }
    return first;
  }

  /** Aborted transactions overlapping [from, upTo), by first offset, as a read_committed fetch needs them. */
  abortedBetween(from: number, upTo: number): AbortedTransaction[] {
    if (this.aborted.length === 0) return [];
    let low = 0;
    let high = this.aborted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.aborted[middle].lastOffset < from) low = middle + 1;
      else high = middle;
    }
    const overlapping: AbortedTransaction[] = [];
    for (let i = low; i < this.aborted.length; i++) {
      if (this.aborted[i].firstOffset < upTo) overlapping.push(this.aborted[i]);
    }
    return overlapping.sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /** Forgets aborted transactions wholly before the log start (their segments are deleted). */
  dropBefore(logStartOffset: number): void {
    if (this.aborted.length > 0 && this.aborted[0].lastOffset < logStartOffset)
      this.aborted = this.aborted.filter((t) => t.lastOffset >= logStartOffset);
  }
}
