import {
  Metadata,
  status,
  type handleBidiStreamingCall,
  type ServerDuplexStream,
  type ServerErrorResponse,
} from '@grpc/grpc-js';
import type { EventStore } from '../store/event-store';
import type { ExpectedRevision } from '../store/expected-revision';
import type { AppendOutcome, ProposedEvent } from '../store/store-types';
import type { WireEvent } from './append-wire';
import { collectionTimeoutMs } from './batch-append-deadline';
import {
  badRequestStatus,
  MAXIMUM_APPEND_SIZE_EXCEEDED_STATUS,
  streamDeletedStatus,
  TIMEOUT_STATUS,
  UNKNOWN_STATUS,
  wrongExpectedVersionStatus,
} from './batch-append-errors';
import {
  encodeBatchAppendResponse,
  streamIdentifierBody,
  successBody,
  type BatchAppendRequest,
  type BatchAppendResult,
} from './batch-append-wire';
import { MAX_APPEND_SIZE } from './grpc-errors';
import { BadRequestError } from './request-values';

type BatchAppendCall = ServerDuplexStream<BatchAppendRequest, Buffer>;

/** An append whose requests are still arriving (none of them was final yet). */
interface PendingAppend {
  readonly streamName: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
  size: number;
  timer: NodeJS.Timeout | undefined;
}

// The real server's texts: what .NET says for a missing `UUID`, a missing metadata key, an
// unset expected position (in `BadRequest.message`), and the error of an unhandled exception.
const MISSING_UUID = "Value cannot be null. (Parameter 'dto')";
const MALFORMED_UUID = 'Unrecognized Guid format.';
const MISSING_METADATA_KEY = 'The given key was not present in the dictionary.';
const MISSING_EXPECTED_POSITION =
  'Status(StatusCode="InvalidArgument", Detail="\'None\' is not a valid EventStore.Client.Streams.BatchAppendReq+Types+Options+ExpectedStreamPositionOneofCase")';
const MISSING_STREAM_IDENTIFIER = 'Required field StreamIdentifier not set.';
const EMPTY_STREAM_NAME = 'eventStreamId';
const HANDLER_EXCEPTION = 'Exception was thrown by handler.';

/**
 * `Streams/BatchAppend`: one long-lived duplex call per client carrying all its appends. An
 * append is one or more requests with the same correlation id, the first with the options,
 * the last marked `is_final`; each gets one answer with that correlation id, in the order the
 * appends complete. A request that fails is answered with an error status in the stream; the
 * call itself goes on, as on the real server.
 */
export function batchAppendHandler(
  store: EventStore,
  shutdown: AbortSignal,
): handleBidiStreamingCall<BatchAppendRequest, Buffer> {
  return (call) => new BatchAppendSession(store, call, shutdown).start();
}

class BatchAppendSession {
  private readonly pending = new Map<string, PendingAppend>();
  private inFlight = 0;
  private requestsEnded = false;
  private shuttingDown = false;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly call: BatchAppendCall,
    private readonly shutdown: AbortSignal,
  ) {}

  start(): void {
    const onShutdown = (): void => {
      this.shuttingDown = true;
      this.finishIfIdle();
    };
    this.shutdown.addEventListener('abort', onShutdown, { once: true });
    const close = (): void => {
      this.shutdown.removeEventListener('abort', onShutdown);
      this.close();
    };
    this.call.on('data', (request: BatchAppendRequest) => this.receive(request));
    this.call.on('end', () => {
      this.requestsEnded = true;
      this.finishIfIdle();
    });
    this.call.on('cancelled', close);
    this.call.on('error', close);
    this.call.on('finish', close);
    if (this.shutdown.aborted) onShutdown();
  }

  private receive(request: BatchAppendRequest): void {
    if (this.closed || this.shuttingDown) return;
    try {
      this.handle(request);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const { options } = request;
      if (options === undefined) {
        // The real server's error path reads the request's options; without them it throws
        // again and the whole call fails.
        this.fail(status.UNKNOWN, HANDLER_EXCEPTION);
        return;
      }
      const identifier =
        options.streamName === undefined ? undefined : streamIdentifierBody(options.streamName);
      this.answer(request.correlationId, errorResult(badRequestStatus(reason)), identifier);
    }
  }

  private handle(request: BatchAppendRequest): void {
    const { correlationId, correlationKey: key, options } = request;
    if (key === undefined)
      throw new BadRequestError(correlationId === undefined ? MISSING_UUID : MALFORMED_UUID);
    let append = this.pending.get(key);
    if (options !== undefined) {
      const timeoutMs = collectionTimeoutMs(options.deadline, Date.now());
      const { streamName, expected } = options;
      if (streamName === undefined) {
        this.answer(correlationId, errorResult(badRequestStatus(MISSING_STREAM_IDENTIFIER)));
        return;
      }
      if (timeoutMs <= 0) {
        this.answer(correlationId, errorResult(TIMEOUT_STATUS), streamIdentifierBody(streamName));
        return;
      }
      // Options for an append already under way change nothing, as on the real server.
      if (append === undefined) {
        if (expected === undefined) throw new BadRequestError(MISSING_EXPECTED_POSITION);
        append = { streamName, expected, events: [], size: 0, timer: undefined };
        if (!request.isFinal) this.await(key, append, correlationId, timeoutMs);
      }
    }
    // Requests for an append that never started, or already ended, are ignored.
    if (append === undefined) return;
    try {
      for (const event of request.events) {
        append.events.push(proposedEventOf(event));
        // The real server's size formula (`data?.Length ?? 0 + …` in C#) counts the data only.
        append.size += event.data.length;
      }
    } catch (error) {
      this.forget(key, append);
      throw error;
    }
    if (append.size > MAX_APPEND_SIZE) {
      this.forget(key, append);
      this.answer(
        correlationId,
        errorResult(MAXIMUM_APPEND_SIZE_EXCEEDED_STATUS),
        streamIdentifierBody(append.streamName),
      );
      return;
    }
    if (!request.isFinal) return;
    this.forget(key, append);
    if (append.streamName.length === 0) throw new BadRequestError(EMPTY_STREAM_NAME);
    this.commit(append, correlationId);
  }

  /** Keeps a started append until its final request, or answers Timeout when that comes too late. */
  private await(
    key: string,
    append: PendingAppend,
    correlationId: Buffer | undefined,
    timeoutMs: number,
  ): void {
    this.pending.set(key, append);
    append.timer = setTimeout(() => {
      if (this.pending.get(key) !== append) return;
      this.pending.delete(key);
      this.answer(
        correlationId,
        errorResult(TIMEOUT_STATUS),
        streamIdentifierBody(append.streamName),
      );
    }, timeoutMs);
  }

  private forget(key: string, append: PendingAppend): void {
    if (append.timer === undefined) return;
    clearTimeout(append.timer);
    append.timer = undefined;
    if (this.pending.get(key) === append) this.pending.delete(key);
  }

  private commit(append: PendingAppend, correlationId: Buffer | undefined): void {
    const { streamName } = append;
    this.inFlight += 1;
    this.store.append(streamName, append.expected, append.events).then(
      (outcome) => this.completed(correlationId, streamName, outcome),
      () => this.completed(correlationId, streamName, undefined),
    );
  }

  /** Answers a written (or refused) append; undefined when the store failed to write it. */
  private completed(
    correlationId: Buffer | undefined,
    streamName: string,
    outcome: AppendOutcome | undefined,
  ): void {
    this.inFlight -= 1;
    const identifier = streamIdentifierBody(streamName);
    let result: BatchAppendResult;
    if (outcome === undefined) result = errorResult(UNKNOWN_STATUS);
    else if (outcome.kind === 'success')
      result = { kind: 'success', body: successBody(outcome.currentRevision, outcome.position) };
    else if (outcome.kind === 'stream_deleted')
      result = errorResult(streamDeletedStatus(identifier));
    else result = errorResult(wrongExpectedVersionStatus(outcome.current, outcome.expected));
    this.answer(correlationId, result, identifier);
    this.finishIfIdle();
  }

  private answer(
    correlationId: Buffer | undefined,
    result: BatchAppendResult,
    streamIdentifier?: Buffer,
  ): void {
    if (this.closed) return;
    this.call.write(encodeBatchAppendResponse(correlationId, result, streamIdentifier));
  }

  /** Ends the call once the client has sent its last request, or the server is stopping, and every written append is answered. */
  private finishIfIdle(): void {
    if (this.closed || this.inFlight > 0) return;
    if (this.shuttingDown) {
      // An error, not an end: the client then fails what it still waits for and opens a new call.
      this.fail(status.UNAVAILABLE, 'Server is shutting down.');
    } else if (this.requestsEnded) {
      this.close();
      this.call.end();
    }
  }

  private fail(code: status, details: string): void {
    if (this.closed) return;
    this.close();
    const error: ServerErrorResponse = Object.assign(new Error(details), {
      code,
      details,
      metadata: new Metadata(),
    });
    this.call.emit('error', error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const append of this.pending.values()) clearTimeout(append.timer);
    this.pending.clear();
  }
}

function errorResult(status: Buffer): BatchAppendResult {
  return { kind: 'error', status };
}

/** The real server reads the id first, then the `type` and `content-type` metadata. */
function proposedEventOf(event: WireEvent): ProposedEvent {
  const { id, type, contentType, data, customMetadata } = event;
  if (id === undefined) throw new BadRequestError(MALFORMED_UUID);
  if (type === undefined || contentType === undefined)
    throw new BadRequestError(MISSING_METADATA_KEY);
  // The body stays a view into the received message: it is copied once, into the log record.
  return { id, type, contentType, data, customMetadata };
}
