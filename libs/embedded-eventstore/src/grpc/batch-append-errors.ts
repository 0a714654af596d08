import { status } from '@grpc/grpc-js';
import type { ExpectedRevision } from '../store/expected-revision';
import { LENGTH_DELIMITED, tag, VARINT } from './append-wire';
import { message } from './batch-append-wire';
import { MAX_APPEND_SIZE } from './grpc-errors';

/**
 * The `google.rpc.Status` bodies a batch append fails with. The real server packs one
 * `event_store.client.*` detail message into `details` (an `Any`), and the client picks its
 * typed error by that detail's type name; the code and message follow the real server's.
 */
const STATUS_CODE = tag(1, VARINT);
const STATUS_MESSAGE = tag(2, LENGTH_DELIMITED);
const STATUS_DETAILS = tag(3, LENGTH_DELIMITED);
const ANY_TYPE_URL = tag(1, LENGTH_DELIMITED);
const ANY_VALUE = tag(2, LENGTH_DELIMITED);
const EMPTY = Buffer.alloc(0);

function rpcStatus(code: status, name: string, detail: Buffer): Buffer {
  const any =
    detail.length === 0
      ? message([ANY_TYPE_URL, Buffer.from(`type.googleapis.com/event_store.client.${name}`)])
      : message(
          [ANY_TYPE_URL, Buffer.from(`type.googleapis.com/event_store.client.${name}`)],
          [ANY_VALUE, detail],
        );
  return message(
    [STATUS_CODE, BigInt(code)],
    [STATUS_MESSAGE, Buffer.from(name)],
    [STATUS_DETAILS, any],
  );
}

export function wrongExpectedVersionStatus(
  current: bigint | undefined,
  expected: ExpectedRevision,
): Buffer {
  const currentField: readonly [number, Buffer | bigint] =
    current === undefined ? [tag(2, LENGTH_DELIMITED), EMPTY] : [tag(1, VARINT), current];
  let expectedField: readonly [number, Buffer | bigint];
  switch (expected.kind) {
    case 'exact':
      expectedField = [tag(3, VARINT), expected.revision];
      break;
    case 'any':
      expectedField = [tag(4, LENGTH_DELIMITED), EMPTY];
      break;
    case 'stream_exists':
      expectedField = [tag(5, LENGTH_DELIMITED), EMPTY];
      break;
    case 'no_stream':
      expectedField = [tag(6, LENGTH_DELIMITED), EMPTY];
      break;
  }
  return rpcStatus(
    status.ALREADY_EXISTS,
    'WrongExpectedVersion',
    message(currentField, expectedField),
  );
}

export function streamDeletedStatus(streamIdentifier: Buffer): Buffer {
  return rpcStatus(
    status.NOT_FOUND,
    'StreamDeleted',
    message([tag(1, LENGTH_DELIMITED), streamIdentifier]),
  );
}

export function badRequestStatus(reason: string): Buffer {
  return rpcStatus(
    status.INVALID_ARGUMENT,
    'BadRequest',
    message([tag(1, LENGTH_DELIMITED), Buffer.from(reason)]),
  );
}

export const TIMEOUT_STATUS = rpcStatus(status.DEADLINE_EXCEEDED, 'Timeout', EMPTY);

export const UNKNOWN_STATUS = rpcStatus(status.UNKNOWN, 'Unknown', EMPTY);

export const MAXIMUM_APPEND_SIZE_EXCEEDED_STATUS = rpcStatus(
  status.INVALID_ARGUMENT,
  'MaximumAppendSizeExceeded',
  message([tag(1, VARINT), BigInt(MAX_APPEND_SIZE)]),
);
