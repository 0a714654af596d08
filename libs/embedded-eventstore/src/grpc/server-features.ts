import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';

const STREAMS_SERVICE = 'event_store.client.streams.streams';

// Advertising batch append makes the client send every append through `Streams/BatchAppend`.
const SUPPORTED: ReadonlyArray<readonly [service: string, method: string]> = [
  [STREAMS_SERVICE, 'read'],
  [STREAMS_SERVICE, 'append'],
  [STREAMS_SERVICE, 'batchappend'],
  [STREAMS_SERVICE, 'delete'],
  [STREAMS_SERVICE, 'tombstone'],
  ['event_store.client.server_features.serverfeatures', 'getsupportedmethods'],
];

/** The version reported to clients: the EventStoreDB release whose client protocol this server follows. */
const REPORTED_SERVER_VERSION = '24.10.0';

export const getSupportedMethodsHandler: handleUnaryCall<Empty, SupportedMethods> = (
  _call,
  callback,
) => {
  const methods = SUPPORTED.map(([service, method]) =>
    new SupportedMethod().setServiceName(service).setMethodName(method),
  );
  callback(
    null,
    new SupportedMethods()
      .setMethodsList(methods)
      .setEventStoreServerVersion(REPORTED_SERVER_VERSION),
  );
};
