import { setMaxListeners } from 'node:events';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { PersistentSubscriptionsService } from '@eventstore/db-client/generated/persistent_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ProjectionsService } from '@eventstore/db-client/generated/projections_grpc_pb';
import { decodeAppendRequest, serializeAppendResponse } from './grpc/append-wire';
import { serializeReadResponse } from './grpc/event-encoding';
import { decodeBatchAppendRequest } from './grpc/batch-append-wire';
import { appendHandler } from './grpc/streams-append';
import { batchAppendHandler } from './grpc/streams-batch-append';
import { deleteHandler, tombstoneHandler } from './grpc/streams-delete';
import { readHandler } from './grpc/streams-read';
import { getSupportedMethodsHandler } from './grpc/server-features';
import { persistentSubscriptionsHandlers } from './grpc/persistent-handlers';
import { PersistentSubscriptionService } from './persistent/persistent-subscription-service';
import { projectionsServiceImplementation } from './grpc/projections-service';
import { StandardProjections } from './projections/standard-projections';
import { UNIMPLEMENTED_SERVICES, unimplementedService } from './grpc/unimplemented-services';
import { EventStore } from './store/event-store';

export interface EventStoreServerOptions {
  /** TCP port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Interface to bind; defaults to 127.0.0.1. */
  readonly host?: string;
  /** Directory holding the log segments; created if missing. */
  readonly dataDir: string;
  /**
   * Enables the standard projections `$by_category` and `$by_event_type` at start, as
   * EventStoreDB's `--start-standard-projections` does; without it they stay as last left
   * (disabled on a new store).
   */
  readonly startStandardProjections?: boolean;
  /**
   * Lists `Streams/BatchAppend` among the supported methods, as a real server does, so the
   * client appends through it; default false. Off, the client appends through `Streams/Append`
   * (BatchAppend is still served): `@eventstore/db-client` 6.2.1 keeps one promise table for
   * every client of a process, so a client disposed (or failing) while another has appends in
   * flight rejects those, and the other's next answer then breaks its batch-append call,
   * leaving every later append unanswered (seen in this project's tests, which hold several
   * clients in one process; a real server does the same to them).
   */
  readonly batchAppend?: boolean;
}

export interface EventStoreServer {
  readonly port: number;
  /** `esdb://127.0.0.1:PORT?tls=false`, for `EventStoreDBClient.connectionString`. */
  readonly connectionString: string;
  /** Stops accepting calls, ends subscriptions, waits for pending writes and closes the files. */
  close(): Promise<void>;
}

// A read response may carry an event of up to the append limit plus its envelope.
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const SHUTDOWN_GRACE_MS = 5_000;

// The generated (de)serializers go through google-protobuf objects and copy every message once
// more; appends are decoded and answered, and events sent, straight from and to bytes instead.
const STREAMS_SERVICE = {
  ...StreamsService,
  append: {
    ...StreamsService.append,
    requestDeserialize: decodeAppendRequest,
    responseSerialize: serializeAppendResponse,
  },
  read: { ...StreamsService.read, responseSerialize: serializeReadResponse },
  batchAppend: {
    ...StreamsService.batchAppend,
    requestDeserialize: decodeBatchAppendRequest,
    responseSerialize: (response: Buffer) => response,
  },
};

/** Starts the embedded EventStoreDB-compatible gRPC server on a recovered store. */
export async function startEventStoreServer(
  options: EventStoreServerOptions,
): Promise<EventStoreServer> {
  const host = options.host ?? '127.0.0.1';
  const store = EventStore.open(options.dataDir);
  let projections: StandardProjections;
  try {
    projections = await StandardProjections.start(store, options.startStandardProjections === true);
  } catch (error) {
    await store.close();
    throw error;
  }
  const shutdown = new AbortController();
  // Every open read or subscription listens for the shutdown: as many listeners as clients hold streams.
  setMaxListeners(0, shutdown.signal);
  const server = new Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    // Channelz bookkeeping costs CPU on every call and nothing here reads it.
    'grpc.enable_channelz': 0,
  });
  server.addService(STREAMS_SERVICE, {
    read: readHandler(store, shutdown.signal),
    append: appendHandler(store),
    delete: deleteHandler(store),
    tombstone: tombstoneHandler(store),
    batchAppend: batchAppendHandler(store, shutdown.signal),
  });
  server.addService(ServerFeaturesService, {
    getSupportedMethods: getSupportedMethodsHandler(options.batchAppend === true),
  });
  const persistent = new PersistentSubscriptionService(store);
  server.addService(
    PersistentSubscriptionsService,
    persistentSubscriptionsHandlers(store, persistent),
  );
  server.addService(ProjectionsService, projectionsServiceImplementation(projections));
  for (const [service, feature] of UNIMPLEMENTED_SERVICES)
    server.addService(service, unimplementedService(service, feature));

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        `${host}:${options.port}`,
        ServerCredentials.createInsecure(),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
  } catch (error) {
    persistent.close();
    await projections.close();
    await store.close();
    throw error;
  }
  const connectionHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  let closing: Promise<void> | undefined;
  return {
    port,
    connectionString: `esdb://${connectionHost}:${port}?tls=false`,
    close() {
      closing ??= (async () => {
        shutdown.abort();
        persistent.close();
        await new Promise<void>((resolve) => {
          // Clients that keep calls open past the grace period are cut off.
          const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
          server.tryShutdown(() => {
            clearTimeout(force);
            resolve();
          });
        });
        await projections.close();
        await store.close();
      })();
      return closing;
    },
  };
}
