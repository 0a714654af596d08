import {
  closeSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '../crc32c';
import { syncDirectory } from '../storage/file-io';
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
/** Length and CRC-32C before each entry, so that a torn last entry is recognised. */
const ENTRY_PREFIX = 8;
const COMPACT_AFTER_ENTRIES = 10_000;

/**
 * The transaction coordinator's state, one whole record per change, appended
 * and fsynced before the change is answered; replayed on start (the latest
 * record of each transactional id wins) and rewritten once mostly superseded.
 */
export class TransactionLog {
  readonly latest = new Map<string, TransactionRecord>();
  private readonly path: string;
  private fd: number;
  private size: number;
  private entriesInFile = 0;

  constructor(
    private readonly dataDir: string,
    private readonly flusher: FlushScheduler,
  ) {
    this.path = join(dataDir, FILE_NAME);
    this.fd = openSync(this.path, 'a+');
    this.size = this.replay();
  }

  private replay(): number {
    const data = readFileSync(this.path);
    let at = 0;
    while (at + ENTRY_PREFIX <= data.length) {
      const length = data.readUInt32BE(at);
      const end = at + ENTRY_PREFIX + length;
      if (end > data.length || data.readUInt32BE(at + 4) !== crc32c(data, at + ENTRY_PREFIX, end))
        break;
      const record = JSON.parse(
        data.subarray(at + ENTRY_PREFIX, end).toString('utf8'),
      ) as TransactionRecord;
      this.latest.set(record.transactionalId, record);
      this.entriesInFile += 1;
      at = end;
    }
    if (at < data.length) {
      ftruncateSync(this.fd, at);
      fsyncSync(this.fd);
    }
    return at;
  }

  /** Stores the record; resolves once it is on disk. */
  async write(record: TransactionRecord): Promise<void> {
    const data = encodeEntry(record);
    let written = 0;
    while (written < data.length) {
      written += writeSync(this.fd, data, written, data.length - written, this.size + written);
    }
    this.size += data.length;
    this.entriesInFile += 1;
    this.latest.set(record.transactionalId, record);
    await this.flusher.sync(this.fd);
    if (this.entriesInFile > COMPACT_AFTER_ENTRIES && this.entriesInFile > 2 * this.latest.size)
      this.compact();
  }

  private compact(): void {
    const temporary = `${this.path}.compacting`;
    const fd = openSync(temporary, 'w+');
    const data = Buffer.concat([...this.latest.values()].map(encodeEntry));
    writeSync(fd, data, 0, data.length, 0);
    fsyncSync(fd);
    renameSync(temporary, this.path);
    syncDirectory(this.dataDir);
    const previous = this.fd;
    this.fd = fd;
    this.size = fstatSync(fd).size;
    this.entriesInFile = this.latest.size;
    void this.flusher.sync(previous).finally(() => closeSync(previous));
  }

  close(): void {
    closeSync(this.fd);
  }
}

function encodeEntry(record: TransactionRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const prefix = Buffer.allocUnsafe(ENTRY_PREFIX);
  prefix.writeUInt32BE(payload.length, 0);
  prefix.writeUInt32BE(crc32c(payload), 4);
  return Buffer.concat([prefix, payload]);
}
