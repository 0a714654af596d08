import { ByteReader } from '../src/protocol/byte-reader';
import { ByteWriter } from '../src/protocol/byte-writer';
import { RawKafkaClient, requestFrame } from './raw-kafka-client';
import { buildRecordBatch } from './record-batch-builder';

const PRODUCE = 0;
const FETCH = 1;
const LIST_OFFSETS = 2;
const CREATE_TOPICS = 19;
const INIT_PRODUCER_ID = 22;
const ADD_PARTITIONS_TO_TXN = 24;
const END_TXN = 26;
export const TXN_OFFSET_COMMIT = 28;

export const READ_UNCOMMITTED = 0;
export const READ_COMMITTED = 1;

export interface FetchedPartition {
  readonly errorCode: number;
  readonly highWatermark: number;
  readonly lastStableOffset: number;
  readonly abortedTransactions: { producerId: number; firstOffset: number }[] | null;
  readonly offsets: number[];
}

/** Transaction requests and the answers' fields the tests look at, over a raw connection. */
export function transactionWire(client: RawKafkaClient) {
  let correlationId = 0;
  const call = async (apiKey: number, version: number, body: Buffer): Promise<ByteReader> => {
    correlationId += 1;
    client.send(requestFrame(apiKey, version, correlationId, body));
    const response = await client.response();
    if (response === 'closed') throw new Error('the broker closed the connection');
    return new ByteReader(response.body);
  };

  const createTopic = async (topic: string): Promise<void> => {
    await call(
      CREATE_TOPICS,
      0,
      new ByteWriter()
        .array([topic], (w, name) => {
          w.string(name).int32(1).int16(1).int32(0).int32(0);
        })
        .int32(5_000)
        .toBuffer(),
    );
  };

  const initProducerId = async (
    transactionalId: string,
    timeoutMs = 60_000,
  ): Promise<{ errorCode: number; producerId: number; producerEpoch: number }> => {
    const reader = await call(
      INIT_PRODUCER_ID,
      1,
      new ByteWriter().nullableString(transactionalId).int32(timeoutMs).toBuffer(),
    );
    reader.int32();
    return { errorCode: reader.int16(), producerId: reader.int64(), producerEpoch: reader.int16() };
  };

  const addPartitions = async (
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    topics: string[],
  ): Promise<number[]> => {
    const reader = await call(
      ADD_PARTITIONS_TO_TXN,
      1,
      new ByteWriter()
        .string(transactionalId)
        .int64(producerId)
        .int16(producerEpoch)
        .array(topics, (w, topic) => {
          w.string(topic).array([0], (pw, partition) => void pw.int32(partition));
        })
        .toBuffer(),
    );
    reader.int32();
    return reader
      .array((r) => {
        r.string();
        return r.array((p) => {
          p.int32();
          return p.int16();
        });
      })
      .flat();
  };

  const endTxn = async (
    transactionalId: string,
    producerId: number,
    producerEpoch: number,
    commit: boolean,
  ): Promise<number> => {
    const reader = await call(
      END_TXN,
      1,
      new ByteWriter()
        .string(transactionalId)
        .int64(producerId)
        .int16(producerEpoch)
        .boolean(commit)
        .toBuffer(),
    );
    reader.int32();
    return reader.int16();
  };

  const produce = async (
    topic: string,
    transactionalId: string | null,
    batch: Buffer,
  ): Promise<{ errorCode: number; baseOffset: number }> => {
    const reader = await call(
      PRODUCE,
      3,
      new ByteWriter()
        .nullableString(transactionalId)
        .int16(-1)
        .int32(5_000)
        .array([topic], (w, name) => {
          w.string(name).array([batch], (pw, data) => void pw.int32(0).bytes(data));
        })
        .toBuffer(),
    );
    const [result] = reader.array((r) => {
      r.string();
      return r.array((p) => {
        p.int32();
        const errorCode = p.int16();
        const baseOffset = p.int64();
        p.int64();
        return { errorCode, baseOffset };
      });
    });
    return result[0];
  };

  const fetch = async (topic: string, isolationLevel: number): Promise<FetchedPartition> => {
    const reader = await call(
      FETCH,
      4,
      new ByteWriter()
        .int32(-1)
        .int32(0)
        .int32(0)
        .int32(1024 * 1024)
        .int8(isolationLevel)
        .array([topic], (w, name) => {
          w.string(name).array(
            [0],
            (pw) =>
              void pw
                .int32(0)
                .int64(0)
                .int32(1024 * 1024),
          );
        })
        .toBuffer(),
    );
    reader.int32();
    const [[partition]] = reader.array((r) => {
      r.string();
      return r.array((p) => {
        p.int32();
        const errorCode = p.int16();
        const highWatermark = p.int64();
        const lastStableOffset = p.int64();
        const abortedTransactions = p.nullableArray((a) => ({
          producerId: a.int64(),
          firstOffset: a.int64(),
        }));
        const records = p.nullableBytes() ?? Buffer.alloc(0);
        const offsets: number[] = [];
        for (let at = 0; at + 61 <= records.length; at += 12 + records.readInt32BE(at + 8)) {
          offsets.push(Number(records.readBigInt64BE(at)));
        }
        return { errorCode, highWatermark, lastStableOffset, abortedTransactions, offsets };
      });
    });
    return partition;
  };

  const latestOffset = async (topic: string, isolationLevel: number): Promise<number> => {
    const reader = await call(
      LIST_OFFSETS,
      2,
      new ByteWriter()
        .int32(-1)
        .int8(isolationLevel)
        .array([topic], (w, name) => {
          w.string(name).array([0], (pw) => void pw.int32(0).int64(-1));
        })
        .toBuffer(),
    );
    reader.int32();
    const [[offset]] = reader.array((r) => {
      r.string();
      return r.array((p) => {
        p.int32();
        p.int16();
        p.int64();
        return p.int64();
      });
    });
    return offset;
  };

  const batch = (
    producerId: number,
    producerEpoch: number,
    baseSequence: number,
    values: string[],
  ): Buffer =>
    buildRecordBatch(
      values.map((value) => ({ value })),
      { producerId, producerEpoch, baseSequence, transactional: true },
    );

  return {
    call,
    createTopic,
    initProducerId,
    addPartitions,
    endTxn,
    produce,
    fetch,
    latestOffset,
    batch,
  };
}

export type TransactionWire = ReturnType<typeof transactionWire>;
