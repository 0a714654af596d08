import { Metadata, status, type ServerErrorResponse } from '@grpc/grpc-js';

// The real server's persistent subscription failures: statuses, wording and the trailers
// (`exception`, `stream-name`, `group-name`, `reason`) the client turns into typed errors.
function persistentError(
  code: status,
  details: string,
  exception: string,
  streamName: string,
  groupName: string,
  extra: Record<string, string> = {},
): ServerErrorResponse {
  const metadata = new Metadata();
  metadata.set('exception', exception);
  metadata.set('stream-name', streamName);
  metadata.set('group-name', groupName);
  for (const [key, value] of Object.entries(extra)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export function persistentSubscriptionExistsError(
  streamName: string,
  groupName: string,
): ServerErrorResponse {
  return persistentError(
    status.ALREADY_EXISTS,
    `Subscription group ${groupName} on stream ${streamName} exists.`,
    'persistent-subscription-exists',
    streamName,
    groupName,
  );
}

export function persistentSubscriptionNotFoundError(
  streamName: string,
  groupName: string,
): ServerErrorResponse {
  return persistentError(
    status.NOT_FOUND,
    `Subscription group ${groupName} on stream ${streamName} does not exist.`,
    'persistent-subscription-does-not-exist',
    streamName,
    groupName,
  );
}

export function persistentSubscriptionFailedError(
  streamName: string,
  groupName: string,
  reason: string,
): ServerErrorResponse {
  return persistentError(
    status.INTERNAL,
    `Subscription group ${groupName} on stream ${streamName} failed: '${reason}'`,
    'persistent-subscription-failed',
    streamName,
    groupName,
    { reason },
  );
}

export function maximumSubscribersReachedError(
  streamName: string,
  groupName: string,
): ServerErrorResponse {
  return persistentError(
    status.FAILED_PRECONDITION,
    `Maximum subscriptions reached for subscription group ${groupName} on stream ${streamName}.`,
    'maximum-subscribers-reached',
    streamName,
    groupName,
  );
}

export function persistentSubscriptionDroppedError(
  streamName: string,
  groupName: string,
): ServerErrorResponse {
  return persistentError(
    status.CANCELLED,
    `Subscription group ${groupName} on stream ${streamName} was dropped.`,
    'persistent-subscription-dropped',
    streamName,
    groupName,
  );
}
