/** An aborted transaction as Fetch reports it. */
export interface AbortedTransaction {
  readonly producerId: number;
  readonly firstOffset: number;
}

/** A transaction's data batches in one partition, as [base offset, last offset] pairs in log order. */
interface TransactionBatches {
  readonly producerId: number;
  readonly batches: [number, number][];
}

/** An aborted transaction kept for fetches, with the offset of its abort marker. */
interface AbortedBatches extends TransactionBatches {
  readonly markerOffset: number;
}

/**
 * Transactions as one partition sees them: the batches of each producer's open
 * transaction (the first bounds the last stable offset) and the aborted ones
 * (Kafka's `.txnindex`), rebuilt from the log's batches on start.
 */
export class PartitionTransactions {
  private readonly ongoing = new Map<number, TransactionBatches>();
  /** In the order of their markers, so by `markerOffset`. */
  private aborted: AbortedBatches[] = [];

  get hasOngoing(): boolean {
    return this.ongoing.size > 0;
  }

  isOngoing(producerId: number): boolean {
    return this.ongoing.has(producerId);
  }

  /** A transactional data batch: the producer's transaction starts with it unless it is already open. */
  recordData(producerId: number, baseOffset: number, lastOffset: number): void {
    const open = this.ongoing.get(producerId);
    if (open === undefined)
      this.ongoing.set(producerId, { producerId, batches: [[baseOffset, lastOffset]] });
    else open.batches.push([baseOffset, lastOffset]);
  }

  /** An end marker at `offset` closes the producer's open transaction. */
  recordMarker(producerId: number, offset: number, committed: boolean): void {
    const open = this.ongoing.get(producerId);
    if (open === undefined) return;
    this.ongoing.delete(producerId);
    if (!committed) this.aborted.push({ ...open, markerOffset: offset });
  }

  /** The first offset of the earliest open transaction, or undefined when none is open. */
  firstOngoingOffset(): number | undefined {
    let first: number | undefined;
    for (const { batches } of this.ongoing.values()) {
      if (first === undefined || batches[0][0] < first) first = batches[0][0];
    }
    return first;
  }

  /**
   * The aborted transactions with records in [from, upTo), by first offset, as a read_committed
   * fetch lists them. Each is listed from its producer's first record in the range, not from the
   * transaction's start as Kafka lists it: kafkajs steps into at most one listed transaction per
   * record it reads, so two listed transactions that both began before `from` would let the
   * second one's records through. Java clients drop the same records either way.
   */
  abortedBetween(from: number, upTo: number): AbortedTransaction[] {
    if (this.aborted.length === 0) return [];
    let low = 0;
    let high = this.aborted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.aborted[middle].markerOffset < from) low = middle + 1;
      else high = middle;
    }
    const listed: AbortedTransaction[] = [];
    for (let i = low; i < this.aborted.length; i++) {
      const first = firstOffsetFrom(this.aborted[i].batches, from);
      if (first !== undefined && first < upTo)
        listed.push({ producerId: this.aborted[i].producerId, firstOffset: first });
    }
    return listed.sort((a, b) => a.firstOffset - b.firstOffset);
  }

  /** Forgets aborted transactions wholly before the log start (their segments are deleted). */
  dropBefore(logStartOffset: number): void {
    if (this.aborted.length > 0 && this.aborted[0].markerOffset < logStartOffset)
      this.aborted = this.aborted.filter((t) => t.markerOffset >= logStartOffset);
  }
}

/** The first offset at or after `from` held by one of the batches, if any. */
function firstOffsetFrom(batches: readonly [number, number][], from: number): number | undefined {
  for (const [baseOffset, lastOffset] of batches) {
    if (lastOffset >= from) return Math.max(baseOffset, from);
  }
  return undefined;
}
