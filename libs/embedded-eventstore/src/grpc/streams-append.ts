import {
  Metadata,
  status,
  type handleClientStreamingCall,
  type ServerErrorResponse,
} from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { EventStore } from '../store/event-store';
import type { ExpectedRevision } from '../store/expected-revision';
import type { AppendOutcome, ProposedEvent } from '../store/store-types';
import { asServerError } from './error-mapping';
import { MAX_APPEND_SIZE, maxAppendSizeExceededError, streamDeletedError } from './grpc-errors';
import {
  encodedAppendSuccess,
  type AppendRequestMessage,
  type AppendResponse,
  type WireEvent,
} from './append-wire';
import { BadRequestError } from './request-values';

/** `Streams/Append`: one options message, then one message per event; answered once all are durable. */
export function appendHandler(
  store: EventStore,
): handleClientStreamingCall<AppendRequestMessage, AppendResponse> {
  return (call, callback) => {
    let target: { streamName: string; expected: ExpectedRevision } | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let answered = false;
    const answer = (error: ServerErrorResponse | null, response?: AppendResponse): void => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };

    call.on('data', (request: AppendRequestMessage) => {
      if (answered) return;
      try {
        if (target === undefined) {
          const { options } = request;
          if (options === undefined)
            throw new BadRequestError('The first append message must carry the options.');
          if (options.streamName === undefined || options.streamName.length === 0)
            throw new BadRequestError('Stream name is required.');
          if (options.expected === undefined)
            throw new BadRequestError('Expected stream revision is required.');
          target = { streamName: options.streamName, expected: options.expected };
          return;
        }
        const proposed = request.event;
        if (proposed === undefined)
          throw new BadRequestError('Append messages after the first must carry an event.');
        const event = proposedEventOf(proposed);
        // The real server's formula (`data?.Length ?? 0 + metadata?.Length ?? 0 + …` in C#,
        // where `??` binds looser than `+`) counts the data only.
        size += event.data.length;
        if (size > MAX_APPEND_SIZE) {
          answer(maxAppendSizeExceededError());
          return;
        }
        events.push(event);
      } catch (error) {
        answer(asServerError(error));
      }
    });
    call.on('end', () => {
      if (answered) return;
      if (target === undefined) {
        answer(asServerError(new BadRequestError('An append must start with its options.')));
        return;
      }
      const { streamName } = target;
      store.append(streamName, target.expected, events).then(
        (outcome) => {
          if (outcome.kind === 'stream_deleted') answer(streamDeletedError(streamName));
          else answer(null, appendResponse(outcome));
        },
        (error: unknown) => answer(asServerError(error)),
      );
    });
    call.on('error', () => {
      answered = true;
    });
  };
}

const REQUIRED_PROPERTIES = ['type', 'content-type'];

function proposedEventOf(event: WireEvent): ProposedEvent {
  const { id, type, contentType, data, customMetadata } = event;
  if (type === undefined || contentType === undefined) throw new MissingRequiredPropertyError();
  if (id === undefined) throw new BadRequestError('Event id must be a UUID.');
  // The body stays a view into the received message: it is copied once, into the log record.
  return { id, type, contentType, data, customMetadata };
}

/** An event without `type` or `content-type` metadata, refused as the real server refuses it. */
export class MissingRequiredPropertyError extends Error {
  toServerError(): ServerErrorResponse {
    const metadata = new Metadata();
    metadata.set('exception', 'missing-required-metadata-property');
    metadata.set('required-metadata-properties', REQUIRED_PROPERTIES.join(','));
    const details = `Missing required properties: ${REQUIRED_PROPERTIES.join(', ')}.`;
    return Object.assign(new Error(details), { code: status.INVALID_ARGUMENT, details, metadata });
  }
}

function appendResponse(
  outcome: Exclude<AppendOutcome, { kind: 'stream_deleted' }>,
): AppendResponse {
  if (
    outcome.kind === 'success' &&
    outcome.currentRevision !== undefined &&
    outcome.position !== undefined
  ) {
    return encodedAppendSuccess(outcome.currentRevision, outcome.position);
  }
  const response = new AppendResp();
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.currentRevision === undefined) success.setNoStream(new Empty());
    else success.setCurrentRevision(outcome.currentRevision.toString());
    if (outcome.position === undefined) {
      success.setNoPosition(new Empty());
    } else {
      const position = new AppendResp.Position();
      position.setCommitPosition(outcome.position.toString());
      position.setPreparePosition(outcome.position.toString());
      success.setPosition(position);
    }
    return response.setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString());
  const expected = outcome.expected;
  switch (expected.kind) {
    case 'any':
      wrong.setExpectedAny(new Empty());
      break;
    case 'no_stream':
      wrong.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      wrong.setExpectedStreamExists(new Empty());
      break;
    case 'exact':
      wrong.setExpectedRevision(expected.revision.toString());
      break;
  }
  return response.setWrongExpectedVersion(wrong);
}
