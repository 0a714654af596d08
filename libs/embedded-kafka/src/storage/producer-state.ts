import { ErrorCode } from '../protocol/error-codes';
import { RecordBatchHeader } from '../record-batch';

/** Kafka keeps the last five batches per producer to recognise retried ones. */
const REMEMBERED_BATCHES = 5;
const MAX_SEQUENCE = 0x7fffffff;

interface RememberedBatch {
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly baseOffset: number;
  readonly lastOffset: number;
}

interface ProducerEntry {
  epoch: number;
  lastSequence: number;
  readonly recent: RememberedBatch[];
}

export type SequenceCheck =
  | { readonly kind: 'append' }
  | { readonly kind: 'duplicate'; readonly baseOffset: number; readonly lastOffset: number }
  | { readonly kind: 'error'; readonly errorCode: number };

function nextSequence(sequence: number): number {
  return sequence === MAX_SEQUENCE ? 0 : sequence + 1;
}

function lastSequenceOf(header: RecordBatchHeader): number {
  return (header.baseSequence + header.lastOffsetDelta) % (MAX_SEQUENCE + 1);
}

/**
 * Idempotent-producer state of one partition: per producer id the epoch, the
 * last sequence written and the last few batches, rebuilt from the log on start.
 */
export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  check(header: RecordBatchHeader): SequenceCheck {
    if (header.producerId < 0) return { kind: 'append' };
    const entry = this.producers.get(header.producerId);
    if (entry === undefined) return { kind: 'append' };
    if (header.producerEpoch < entry.epoch)
      return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH };
    if (header.producerEpoch > entry.epoch) return { kind: 'append' };
    const last = lastSequenceOf(header);
    const duplicate = entry.recent.find(
      (b) => b.firstSequence === header.baseSequence && b.lastSequence === last,
    );
    if (duplicate)
      return {
        kind: 'duplicate',
        baseOffset: duplicate.baseOffset,
        lastOffset: duplicate.lastOffset,
      };
    if (header.baseSequence !== nextSequence(entry.lastSequence)) {
      return { kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER };
    }
    return { kind: 'append' };
  }

  /** Records a batch written at `header.baseOffset`. */
  record(header: RecordBatchHeader): void {
    if (header.producerId < 0) return;
    let entry = this.producers.get(header.producerId);
    if (entry === undefined || header.producerEpoch !== entry.epoch) {
      entry = { epoch: header.producerEpoch, lastSequence: -1, recent: [] };
      this.producers.set(header.producerId, entry);
    }
    entry.lastSequence = lastSequenceOf(header);
    entry.recent.push({
      firstSequence: header.baseSequence,
      lastSequence: entry.lastSequence,
      baseOffset: header.baseOffset,
      lastOffset: header.baseOffset + header.lastOffsetDelta,
    });
    if (entry.recent.length > REMEMBERED_BATCHES) entry.recent.shift();
  }

  /**
   * Records an end-transaction marker: it carries the producer's epoch (bumped
   * when the coordinator fenced the producer) but no sequence, so sequences go
   * on across transactions of one epoch and restart from 0 in a new one.
   */
  recordMarker(producerId: number, producerEpoch: number): void {
    const entry = this.producers.get(producerId);
    if (entry !== undefined && producerEpoch <= entry.epoch) return;
    this.producers.set(producerId, { epoch: producerEpoch, lastSequence: -1, recent: [] });
  }
}
