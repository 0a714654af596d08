import type { handleUnaryCall } from '@grpc/grpc-js';
import {
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb';
import type { EventStore } from '../store/event-store';
import type { ExpectedRevision } from '../store/expected-revision';
import type { DeleteOutcome } from '../store/store-types';
import { asServerError } from './error-mapping';
import { streamDeletedError, wrongExpectedVersionError } from './grpc-errors';
import { BadRequestError, expectedRevisionOf, streamNameOf } from './request-values';

/** Delete and Tombstone share their shape: options in, a position out, refusals as trailers. */
function deletionHandler<Request extends DeleteReq | TombstoneReq, Response>(
  deletion: (streamName: string, expected: ExpectedRevision) => Promise<DeleteOutcome>,
  respond: (position: string) => Response,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const run = async (): Promise<void> => {
      const options = call.request.getOptions();
      if (options === undefined) throw new BadRequestError('A delete request must carry options.');
      const streamName = streamNameOf(options.getStreamIdentifier());
      const outcome = await deletion(streamName, expectedRevisionOf(options));
      if (outcome.kind === 'stream_deleted') return callback(streamDeletedError(streamName));
      if (outcome.kind === 'wrong_expected_version') {
        return callback(wrongExpectedVersionError(streamName, outcome.expected, outcome.current));
      }
      callback(null, respond(outcome.position.toString()));
    };
    run().catch((error: unknown) => callback(asServerError(error)));
  };
}

/** `Streams/Delete`: soft delete; a later append recreates the stream after its last revision. */
export function deleteHandler(store: EventStore): handleUnaryCall<DeleteReq, DeleteResp> {
  return deletionHandler(
    (name, expected) => store.deleteStream(name, expected),
    (position) =>
      new DeleteResp().setPosition(
        new DeleteResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
  );
}

/** `Streams/Tombstone`: permanent delete; the stream can never be written or read again. */
export function tombstoneHandler(store: EventStore): handleUnaryCall<TombstoneReq, TombstoneResp> {
  return deletionHandler(
    (name, expected) => store.tombstoneStream(name, expected),
    (position) =>
      new TombstoneResp().setPosition(
        new TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
  );
}
