import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

const STREAMS_SERVICE = 'event_store.client.streams.streams';
const PERSISTENT_SERVICE = 'event_store.client.persistent_subscriptions.persistentsubscriptions';
const PROJECTIONS_SERVICE = 'event_store.client.projections.projections';

const SUPPORTED: ReadonlyArray<readonly [service: string, method: string]> = [
  [STREAMS_SERVICE, 'read'],
  [STREAMS_SERVICE, 'append'],
  [STREAMS_SERVICE, 'delete'],
  [STREAMS_SERVICE, 'tombstone'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
  [PROJECTIONS_SERVICE, 'statistics'],
  [PROJECTIONS_SERVICE, 'enable'],
  [PROJECTIONS_SERVICE, 'disable'],
  [PROJECTIONS_SERVICE, 'state'],
  [PROJECTIONS_SERVICE, 'result'],
];

// The real server lists every persistent subscription method with both features, which tells
// the client that info, list, replay and restart go over gRPC rather than HTTP.
const PERSISTENT_METHODS = [
  'create',
  'update',
  'delete',
  'read',
  'getinfo',
  'replayparked',
  'list',
  'restartsubsystem',
];
const PERSISTENT_FEATURES = ['stream', 'all'];

/** The version reported to clients: the EventStoreDB release whose client protocol this server follows. */
const REPORTED_SERVER_VERSION = '24.10.0';

/**
 * `ServerFeatures/GetSupportedMethods`. Listing batch append makes the client send every append
 * through `Streams/BatchAppend` (see `EventStoreServerOptions.batchAppend`).
 */
export function getSupportedMethodsHandler(
  batchAppend: boolean,
): handleUnaryCall<Empty, SupportedMethods> {
  const supported: ReadonlyArray<readonly [service: string, method: string]> = batchAppend
    ? [...SUPPORTED, [STREAMS_SERVICE, 'batchappend']]
    : SUPPORTED;
  return (_call, callback) => {
    const methods = supported.map(([service, method]) =>
      new SupportedMethod().setServiceName(service).setMethodName(method),
    );
    for (const method of PERSISTENT_METHODS) {
      methods.push(
        new SupportedMethod()
          .setServiceName(PERSISTENT_SERVICE)
          .setMethodName(method)
          .setFeaturesList(PERSISTENT_FEATURES),
      );
    }
    callback(
      null,
      new SupportedMethods()
        .setMethodsList(methods)
        .setEventStoreServerVersion(REPORTED_SERVER_VERSION),
    );
  };
}
