import type {
  sendUnaryData,
  ServerDuplexStream,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceDefinition,
  UntypedHandleCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { OperationsService } from '@eventstore/db-client/generated/operations_grpc_pb';
import { UsersService } from '@eventstore/db-client/generated/users_grpc_pb';
import { unimplementedError } from './grpc-errors';

/** The part of a method definition that decides its call shape. */
interface CallShape {
  readonly requestStream: boolean;
  readonly responseStream: boolean;
}

/** Services the embedded server does not offer, each with the feature name used in its refusal. */
export const UNIMPLEMENTED_SERVICES: ReadonlyArray<readonly [ServiceDefinition, string]> = [
  [UsersService, 'User management'],
  [OperationsService, 'Server operations'],
];

export function unimplementedMessage(feature: string): string {
  return `${feature} are not implemented by the embedded EventStoreDB-compatible server; use a real EventStoreDB for them.`;
}

/** A handler of the right call shape that answers UNIMPLEMENTED with a message naming the feature. */
export function unimplementedHandler(method: CallShape, feature: string): UntypedHandleCall {
  const error = unimplementedError(unimplementedMessage(feature));
  if (method.requestStream && method.responseStream) {
    return (call: ServerDuplexStream<object, object>) => call.emit('error', error);
  }
  if (method.responseStream) {
    return (call: ServerWritableStream<object, object>) => call.emit('error', error);
  }
  if (method.requestStream) {
    return (_call: ServerReadableStream<object, object>, callback: sendUnaryData<object>) =>
      callback(error);
  }
  return (_call: ServerUnaryCall<object, object>, callback: sendUnaryData<object>) =>
    callback(error);
}

/** Every method of `service` answering UNIMPLEMENTED. */
export function unimplementedService(
  service: ServiceDefinition,
  feature: string,
): UntypedServiceImplementation {
  return Object.fromEntries(
    Object.entries(service).map(([name, method]) => [name, unimplementedHandler(method, feature)]),
  );
}
