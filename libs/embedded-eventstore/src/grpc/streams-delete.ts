import type { handleUnaryCall } from '@grpc/grpc-js';
import {
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import type { EventStore } from '../store/event-store';
import type { DeleteOutcome } from '../store/store-types';
import { asServerError } from './error-mapping';
import { streamDeletedError, wrongExpectedVersionError } from './grpc-errors';
import { BadRequestError, expectedRevisionOf, streamNameOf } from './request-values';

type DeleteKind = 'delete' | 'tombstone';

async function runDelete(
  store: EventStore,
  options: DeleteReq.Options | TombstoneReq.Options | undefined,
  kind: DeleteKind,
): Promise<{ streamName: string; outcome: DeleteOutcome }> {
  if (options === undefined) throw new BadRequestError(`A ${kind} request must carry options.`);
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = expectedRevisionOf(options);
  const outcome =
    kind === 'delete'
      ? await store.deleteStream(streamName, expected)
      : await store.tombstoneStream(streamName, expected);
  return { streamName, outcome };
}

/** `Streams/Delete`: soft delete; a later append recreates the stream after its last revision. */
export function deleteHandler(store: EventStore): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) => {
    runDelete(store, call.request.getOptions(), 'delete').then(
      ({ streamName, outcome }) => {
        if (outcome.kind === 'stream_deleted') return callback(streamDeletedError(streamName));
        if (outcome.kind === 'wrong_expected_version') {
          return callback(wrongExpectedVersionError(streamName, outcome.expected, outcome.current));
        }
        const position = new DeleteResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        callback(null, new DeleteResp().setPosition(position));
      },
      (error: unknown) => callback(asServerError(error)),
    );
  };
}

/** `Streams/Tombstone`: permanent delete; the stream can never be written or read again. */
export function tombstoneHandler(store: EventStore): handleUnaryCall<TombstoneReq, TombstoneResp> {
  return (call, callback) => {
    runDelete(store, call.request.getOptions(), 'tombstone').then(
      ({ streamName, outcome }) => {
        if (outcome.kind === 'stream_deleted') return callback(streamDeletedError(streamName));
        if (outcome.kind === 'wrong_expected_version') {
          return callback(wrongExpectedVersionError(streamName, outcome.expected, outcome.current));
        }
        const position = new TombstoneResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        callback(null, new TombstoneResp().setPosition(position));
      },
      (error: unknown) => callback(asServerError(error)),
    );
  };
}
