import { join } from 'node:path';
import { ChecksummedLog } from '../storage/checksummed-log';
import { FlushScheduler } from '../storage/flush-scheduler';

export type TransactionState =
  'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** An offset given through TxnOffsetCommit, applied to its group when the transaction commits. */
export interface PendingOffset extends TopicPartition {
  readonly groupId: string;
  readonly offset: number;
  readonly metadata: string | null;
}

/** What Kafka's `__transaction_state` holds for a transactional id. */
export interface TransactionRecord {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly timeoutMs: number;
  readonly state: TransactionState;
  /** When the current transaction started (wall clock), -1 outside a transaction. */
  readonly startTimestamp: number;
  readonly partitions: readonly TopicPartition[];
  readonly groups: readonly string[];
  readonly offsets: readonly PendingOffset[];
}

const FILE_NAME = 'transactions.log';
const COMPACT_AFTER_ENTRIES = 10_000;

/**
 * The transaction coordinator's state, one whole record per change, appended
 * and fsynced before the change is answered; replayed on start (the latest
 * record of each transactional id wins) and rewritten once mostly superseded.
 */
export class TransactionLog {
  readonly latest = new Map<string, TransactionRecord>();
  private readonly log: ChecksummedLog;

  constructor(dataDir: string, flusher: FlushScheduler) {
    this.log = new ChecksummedLog(
      join(dataDir, FILE_NAME),
      flusher,
      COMPACT_AFTER_ENTRIES,
      (payload) => {
        const record = JSON.parse(payload.toString('utf8')) as TransactionRecord;
        this.latest.set(record.transactionalId, record);
      },
    );
  }

  /** Stores the record; resolves once it is on disk. */
  async write(record: TransactionRecord): Promise<void> {
    this.log.append([encodeEntry(record)]);
    this.latest.set(record.transactionalId, record);
    await this.log.sync();
    this.log.compactIfMostlySuperseded(this.latest.size, () =>
      [...this.latest.values()].map(encodeEntry),
    );
  }

  close(): void {
    this.log.close();
  }
}

function encodeEntry(record: TransactionRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}
