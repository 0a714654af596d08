import { ByteWriter } from '../byte-writer';

export interface TopicPartitionErrors {
  readonly topic: string;
  readonly partitions: readonly { partition: number; errorCode: number }[];
}

/**
 * Each topic's partitions with their error codes, after throttle_time_ms where the
 * version has it: the whole response of OffsetCommit (throttle time from v3),
 * TxnOffsetCommit and AddPartitionsToTxn.
 */
export function encodePartitionErrors(
  topics: readonly TopicPartitionErrors[],
  withThrottleTime: boolean,
): Buffer {
  const writer = new ByteWriter();
  if (withThrottleTime) writer.int32(0);
  writer.array(topics, (w, t) => {
    w.string(t.topic);
    w.array(t.partitions, (pw, p) => {
      pw.int32(p.partition).int16(p.errorCode);
    });
  });
  return writer.toBuffer();
}
