import type { handleServerStreamingCall } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventStore } from '../store/event-store';
import { readAll, readStream } from './bounded-reads';
import { asServerError } from './error-mapping';
import { readPlanOf, type ReadPlan } from './read-request';
import { ResponseWriter } from './response-writer';
import { subscribeToAll, subscribeToStream } from './subscriptions';

/** `Streams/Read`: bounded reads of a stream or $all, and subscriptions to either. */
export function readHandler(
  store: EventStore,
  shutdown: AbortSignal,
): handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const writer = new ResponseWriter(call, shutdown);
    let plan: ReadPlan;
    try {
      plan = readPlanOf(call.request);
    } catch (error) {
      writer.fail(asServerError(error));
      return;
    }
    run(store, writer, plan).catch((error: unknown) => writer.fail(asServerError(error)));
  };
}

function run(store: EventStore, writer: ResponseWriter, plan: ReadPlan): Promise<void> {
  const { source, mode, uuidFormat, resolveLinks } = plan;
  const encoding = { uuidFormat, resolveLinks };
  if (mode.kind === 'subscribe') {
    return source.kind === 'stream'
      ? subscribeToStream(store, writer, source.streamName, source.from, encoding)
      : subscribeToAll(store, writer, source.from, mode.filter, encoding);
  }
  const read = { from: source.from, direction: plan.direction, count: mode.count, ...encoding };
  return source.kind === 'stream'
    ? readStream(store, writer, source.streamName, read)
    : readAll(store, writer, read);
}
