import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';
import type { ExpectedRevision } from '../store/expected-revision';

/** EventStoreDB's default limit on the bytes of one write. */
export const MAX_APPEND_SIZE = 1_048_576;

// EventStoreDB reports failures as gRPC statuses whose trailers name the exception; the
// client maps `exception` to its typed errors. Messages follow the real server's wording.
function serverError(
  code: status,
  details: string,
  trailers: Record<string, string> = {},
): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function streamDeletedError(streamName: string): ServerErrorResponse {
  return serverError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });
}

/** Expected-version numbers as EventStoreDB's wire encodes them: -1 no stream, -2 any, -4 stream exists. */
function legacyExpectedVersion(expected: ExpectedRevision): string {
  switch (expected.kind) {
    case 'no_stream':
      return '-1';
    case 'any':
      return '-2';
    case 'stream_exists':
      return '-4';
    case 'exact':
      return expected.revision.toString();
  }
}

export function wrongExpectedVersionError(
  streamName: string,
  expected: ExpectedRevision,
  current: bigint | undefined,
): ServerErrorResponse {
  const expectedVersion = legacyExpectedVersion(expected);
  const actualVersion = current === undefined ? '-1' : current.toString();
  return serverError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedVersion}, Actual version: ${actualVersion}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamName,
      'expected-version': expectedVersion,
      'actual-version': actualVersion,
    },
  );
}

export function maxAppendSizeExceededError(): ServerErrorResponse {
  return serverError(
    status.INVALID_ARGUMENT,
    `Maximum Append Size of ${MAX_APPEND_SIZE} Exceeded.`,
    {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(MAX_APPEND_SIZE),
    },
  );
}

export function invalidArgumentError(details: string): ServerErrorResponse {
  return serverError(status.INVALID_ARGUMENT, details);
}

export function unavailableError(details: string): ServerErrorResponse {
  return serverError(status.UNAVAILABLE, details);
}

export function unimplementedError(details: string): ServerErrorResponse {
  return serverError(status.UNIMPLEMENTED, details);
}

export function projectionNotFoundError(name: string): ServerErrorResponse {
  return serverError(status.NOT_FOUND, `Projection '${name}' not found`);
}
