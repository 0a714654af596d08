import { ErrorCode } from '../protocol/error-codes';
import { OffsetCommitEntry, OffsetStore } from '../storage/offset-store';
import { ProducerIdAllocator } from '../storage/producer-id-allocator';
import { TopicStore } from '../storage/topic-store';
import {
  PendingOffset,
  TopicPartition,
  TransactionLog,
  TransactionRecord,
} from './transaction-log';

/** Kafka bumps to a new producer id once the epoch reaches Short.MAX_VALUE - 1. */
const LAST_EPOCH = 0x7fff - 1;

export interface ProducerIdAndEpoch {
  readonly errorCode: number;
  readonly producerId: number;
  readonly producerEpoch: number;
}

export interface TransactionCoordinatorOptions {
  /** Kafka's `transaction.max.timeout.ms`. */
  readonly maxTimeoutMs: number;
}

const sameTopicPartition = (a: TopicPartition, b: TopicPartition): boolean =>
  a.topic === b.topic && a.partition === b.partition;

/**
 * The transaction coordinator (this single broker coordinates every
 * transactional id), following Kafka's state machine: Empty → Ongoing →
 * PrepareCommit/PrepareAbort → CompleteCommit/CompleteAbort. Every change is
 * on disk before it takes effect; the end markers are written to the
 * transaction's partitions after the prepare state is, so a crash in between
 * is finished on restart.
 */
export class TransactionCoordinator {
  /** The durable state; a change shows here only once it is on disk. */
  private readonly current = new Map<string, TransactionRecord>();
  /** Operations on one transactional id run one after another. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private closed = false;

  constructor(
    private readonly log: TransactionLog,
    private readonly topics: TopicStore,
    private readonly offsets: OffsetStore,
    private readonly producerIds: ProducerIdAllocator,
    private readonly options: TransactionCoordinatorOptions,
  ) {
    for (const [id, record] of log.latest) this.current.set(id, record);
  }

  /**
   * Finishes the transactions a crash left prepared: markers go to the
   * partitions where the producer's transaction is still open (so none is
   * written twice) and committed offsets are applied. Ongoing ones are left to
   * their timeout, as Kafka does.
   */
  async recover(): Promise<void> {
    for (const record of [...this.current.values()]) {
      if (record.state === 'PrepareCommit' || record.state === 'PrepareAbort')
        await this.serially(record.transactionalId, () => this.complete(record, true));
    }
  }

  initProducerId(transactionalId: string, timeoutMs: number): Promise<ProducerIdAndEpoch> {
    if (transactionalId === '') return Promise.resolve(failure(ErrorCode.INVALID_REQUEST));
    if (timeoutMs <= 0 || timeoutMs > this.options.maxTimeoutMs)
      return Promise.resolve(failure(ErrorCode.INVALID_TRANSACTION_TIMEOUT));
    return this.serially(transactionalId, async () => {
      let record = this.current.get(transactionalId);
      if (record?.state === 'Ongoing') record = await this.abort(record);
      else if (record?.state === 'PrepareCommit' || record?.state === 'PrepareAbort')
        record = await this.complete(record, true);
      const exhausted = record === undefined || record.producerEpoch >= LAST_EPOCH;
      const next = emptyRecord(
        transactionalId,
        exhausted ? this.producerIds.allocate() : record!.producerId,
        exhausted ? 0 : record!.producerEpoch + 1,
        timeoutMs,
      );
      await this.persist(next);
      return {
        errorCode: ErrorCode.NONE,
        producerId: next.producerId,
        producerEpoch: next.producerEpoch,
      };
    });
  }

  /** Per partition error codes, as AddPartitionsToTxn answers them. */
  addPartitions(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    partitions: readonly TopicPartition[],
  ): Promise<number[]> {
    return this.serially(transactionalId, async () => {
      const record = this.current.get(transactionalId);
      const error = this.checkProducer(record, producerId, producerEpoch);
      if (error !== ErrorCode.NONE) return partitions.map(() => error);
      const unknown = partitions.map(
        ({ topic, partition }) => this.topics.get(topic)?.partitions[partition] === undefined,
      );
      if (unknown.some(Boolean)) {
        return unknown.map((isUnknown) =>
          isUnknown ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED,
        );
      }
      const added = record!.state === 'Ongoing' ? [...record!.partitions] : [];
      for (const partition of partitions) {
        if (!added.some((p) => sameTopicPartition(p, partition))) added.push(partition);
      }
      if (record!.state !== 'Ongoing' || added.length !== record!.partitions.length)
        await this.persist(this.ongoing(record!, { partitions: added }));
      return partitions.map(() => ErrorCode.NONE);
    });
  }

  addOffsets(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    groupId: string,
  ): Promise<number> {
    return this.serially(transactionalId, async () => {
      const record = this.current.get(transactionalId);
      const error = this.checkProducer(record, producerId, producerEpoch);
      if (error !== ErrorCode.NONE) return error;
      const ongoing = record!.state === 'Ongoing';
      if (ongoing && record!.groups.includes(groupId)) return ErrorCode.NONE;
      const groups = [...(ongoing ? record!.groups : []), groupId];
      await this.persist(this.ongoing(record!, { groups }));
      return ErrorCode.NONE;
    });
  }

  /** Offsets of a TxnOffsetCommit, kept with the transaction until it ends. */
  commitOffsets(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    groupId: string,
    entries: readonly OffsetCommitEntry[],
  ): Promise<number> {
    return this.serially(transactionalId, async () => {
      const record = this.current.get(transactionalId);
      const error = this.checkProducer(record, producerId, producerEpoch);
      if (error !== ErrorCode.NONE) return error;
      if (record!.state !== 'Ongoing' || !record!.groups.includes(groupId))
        return ErrorCode.INVALID_TXN_STATE;
      const offsets = record!.offsets.filter(
        (o) => o.groupId !== groupId || !entries.some((e) => sameTopicPartition(o, e)),
      );
      for (const { topic, partition, offset, metadata } of entries)
        offsets.push({ groupId, topic, partition, offset, metadata });
      await this.persist({ ...record!, offsets });
      return ErrorCode.NONE;
    });
  }

  endTransaction(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
  ): Promise<number> {
    return this.serially(transactionalId, async () => {
      const record = this.current.get(transactionalId);
      const error = this.checkProducerIdAndEpoch(record, producerId, producerEpoch);
      if (error !== ErrorCode.NONE) return error;
      switch (record!.state) {
        case 'Ongoing': {
          const prepared = {
            ...record!,
            state: commit ? 'PrepareCommit' : 'PrepareAbort',
          } as const;
          await this.persist(prepared);
          await this.complete(prepared, false);
          return ErrorCode.NONE;
        }
        // A retried EndTxn whose first answer was lost.
        case 'CompleteCommit':
          return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
        case 'CompleteAbort':
          return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
        case 'PrepareCommit':
          return commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE;
        case 'PrepareAbort':
          return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS;
        default:
          return ErrorCode.INVALID_TXN_STATE;
      }
    });
  }

  /**
   * Whether a transactional batch may be written to the partition: the
   * producer's current epoch, in an ongoing transaction that added the
   * partition (Kafka 3.6+ verifies this with the coordinator too).
   */
  verifyProduce(
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    target: TopicPartition,
  ): number {
    const record = this.current.get(transactionalId);
    const error = this.checkProducerIdAndEpoch(record, producerId, producerEpoch);
    if (error !== ErrorCode.NONE) return error;
    if (
      record!.state !== 'Ongoing' ||
      !record!.partitions.some((p) => sameTopicPartition(p, target))
    )
      return ErrorCode.INVALID_TXN_STATE;
    return ErrorCode.NONE;
  }

  /**
   * Aborts ongoing transactions older than their timeout, bumping the epoch so
   * that their producer is fenced (Kafka's periodic
   * `transaction.abort.timed.out.transaction.cleanup.interval.ms` task), and
   * finishes any prepared transaction a failed write left behind.
   */
  async abortTimedOut(now: number): Promise<void> {
    if (this.closed) return;
    const due = [...this.current.values()].filter(
      (r) =>
        (r.state === 'Ongoing' && r.startTimestamp + r.timeoutMs < now) ||
        r.state === 'PrepareCommit' ||
        r.state === 'PrepareAbort',
    );
    for (const { transactionalId } of due) {
      if (this.closed) return;
      await this.serially(transactionalId, async () => {
        const record = this.current.get(transactionalId);
        if (record?.state === 'Ongoing' && record.startTimestamp + record.timeoutMs < now)
          await this.abort(record);
        else if (record?.state === 'PrepareCommit' || record?.state === 'PrepareAbort')
          await this.complete(record, true);
      });
    }
  }

  /** Resolves once every operation started so far has finished (before closing files). */
  async drain(): Promise<void> {
    this.closed = true;
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private checkProducerIdAndEpoch(
    record: TransactionRecord | undefined,
    producerId: number,
    producerEpoch: number,
  ): number {
    if (record === undefined || record.producerId !== producerId)
      return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    // Kafka's PRODUCER_FENCED, answered as INVALID_PRODUCER_EPOCH to these API versions.
    if (record.producerEpoch !== producerEpoch) return ErrorCode.INVALID_PRODUCER_EPOCH;
    return ErrorCode.NONE;
  }

  private checkProducer(
    record: TransactionRecord | undefined,
    producerId: number,
    producerEpoch: number,
  ): number {
    const error = this.checkProducerIdAndEpoch(record, producerId, producerEpoch);
    if (error !== ErrorCode.NONE) return error;
    if (record!.state === 'PrepareCommit' || record!.state === 'PrepareAbort')
      return ErrorCode.CONCURRENT_TRANSACTIONS;
    return ErrorCode.NONE;
  }

  /** The record in (or entering) Ongoing, with the transaction's start time kept or set. */
  private ongoing(
    record: TransactionRecord,
    change: { partitions?: TopicPartition[]; groups?: string[] },
  ): TransactionRecord {
    const wasOngoing = record.state === 'Ongoing';
    return {
      ...record,
      state: 'Ongoing',
      startTimestamp: wasOngoing ? record.startTimestamp : Date.now(),
      partitions: change.partitions ?? (wasOngoing ? record.partitions : []),
      groups: change.groups ?? (wasOngoing ? record.groups : []),
      offsets: wasOngoing ? record.offsets : [],
    };
  }

  /** Aborts the ongoing transaction with a bumped epoch, fencing its producer. */
  private async abort(record: TransactionRecord): Promise<TransactionRecord> {
    const producerEpoch =
      record.producerEpoch < LAST_EPOCH ? record.producerEpoch + 1 : record.producerEpoch;
    const prepared: TransactionRecord = { ...record, producerEpoch, state: 'PrepareAbort' };
    await this.persist(prepared);
    return this.complete(prepared, false);
  }

  /**
   * Writes the markers of a prepared transaction, applies its offsets when it
   * commits, then records it complete. With `onlyOpen` (finishing after a
   * crash) a partition whose transaction is already closed gets no marker.
   */
  private async complete(
    prepared: TransactionRecord,
    onlyOpen: boolean,
  ): Promise<TransactionRecord> {
    const commit = prepared.state === 'PrepareCommit';
    const markers: Promise<void>[] = [];
    for (const { topic, partition } of prepared.partitions) {
      const log = this.topics.get(topic)?.partitions[partition];
      if (log === undefined || (onlyOpen && !log.hasOngoingTransaction(prepared.producerId)))
        continue;
      markers.push(log.appendMarker(prepared.producerId, prepared.producerEpoch, commit));
    }
    await Promise.all(markers);
    if (commit) await this.applyOffsets(prepared.offsets);
    const completed: TransactionRecord = {
      ...emptyRecord(
        prepared.transactionalId,
        prepared.producerId,
        prepared.producerEpoch,
        prepared.timeoutMs,
      ),
      state: commit ? 'CompleteCommit' : 'CompleteAbort',
    };
    await this.persist(completed);
    return completed;
  }

  private async applyOffsets(offsets: readonly PendingOffset[]): Promise<void> {
    const byGroup = new Map<string, OffsetCommitEntry[]>();
    for (const { groupId, topic, partition, offset, metadata } of offsets) {
      const entries = byGroup.get(groupId) ?? [];
      entries.push({ topic, partition, offset, metadata });
      byGroup.set(groupId, entries);
    }
    for (const [groupId, entries] of byGroup) await this.offsets.commit(groupId, entries);
  }

  private async persist(record: TransactionRecord): Promise<void> {
    await this.log.write(record);
    this.current.set(record.transactionalId, record);
  }

  private serially<T>(transactionalId: string, operation: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(transactionalId) ?? Promise.resolve();
    const result = previous.then(operation, operation);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(transactionalId, settled);
    void settled.then(() => {
      if (this.queues.get(transactionalId) === settled) this.queues.delete(transactionalId);
    });
    return result;
  }
}

function emptyRecord(
  transactionalId: string,
  producerId: number,
  producerEpoch: number,
  timeoutMs: number,
): TransactionRecord {
  return {
    transactionalId,
    producerId,
    producerEpoch,
    timeoutMs,
    state: 'Empty',
    startTimestamp: -1,
    partitions: [],
    groups: [],
    offsets: [],
  };
}

function failure(errorCode: number): ProducerIdAndEpoch {
  return { errorCode, producerId: -1, producerEpoch: -1 };
}
