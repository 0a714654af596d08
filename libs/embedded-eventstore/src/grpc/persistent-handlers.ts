import type {
  handleBidiStreamingCall,
  handleUnaryCall,
  ServerDuplexStream,
  ServerErrorResponse,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import {
  CreateReq,
  CreateResp,
  DeleteReq,
  DeleteResp,
  GetInfoReq,
  GetInfoResp,
  ListReq,
  ListResp,
  ReadReq,
  ReadResp,
  ReplayParkedReq,
  ReplayParkedResp,
  UpdateReq,
  UpdateResp,
} from '@eventstore/db-client/generated/persistent_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { sourceName, type GroupSource } from '../persistent/group-settings';
import type {
  GroupOutcome,
  PersistentSubscriptionService,
} from '../persistent/persistent-subscription-service';
import type { NackAction } from '../persistent/subscription-group';
import type { EventStore } from '../store/event-store';
import { asServerError } from './error-mapping';
import {
  maximumSubscribersReachedError,
  persistentSubscriptionDroppedError,
  persistentSubscriptionExistsError,
  persistentSubscriptionFailedError,
  persistentSubscriptionNotFoundError,
} from './persistent-errors';
import {
  createDefinitionOf,
  sourceOfOption,
  streamNameOrEmpty,
  updateDefinitionOf,
  uuidText,
} from './persistent-requests';
import {
  confirmationResponse,
  persistentEventResponse,
  subscriptionInfoOf,
} from './persistent-responses';
import { BadRequestError } from './request-values';

const NACK_ACTIONS: readonly NackAction[] = ['unknown', 'park', 'retry', 'skip', 'stop'];
const DEFAULT_IN_FLIGHT = 10;

function outcomeError(
  outcome: GroupOutcome,
  source: GroupSource,
  groupName: string,
): ServerErrorResponse | null {
  const stream = sourceName(source);
  switch (outcome.kind) {
    case 'ok':
      return null;
    case 'exists':
      return persistentSubscriptionExistsError(stream, groupName);
    case 'not_found':
      return persistentSubscriptionNotFoundError(stream, groupName);
    case 'failed':
      return persistentSubscriptionFailedError(stream, groupName, outcome.reason);
  }
}

/** Runs a unary handler body, answering thrown errors as the server's error mapping does. */
function unary<Req, Res>(body: (request: Req) => Promise<Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let result: Promise<Res>;
    try {
      result = body(call.request);
    } catch (error) {
      callback(asServerError(error));
      return;
    }
    result.then(
      (response) => callback(null, response),
      (error: unknown) => callback(isServerError(error) ? error : asServerError(error)),
    );
  };
}

class AnsweredError extends Error {
  constructor(readonly response: ServerErrorResponse) {
    super(response.details);
  }

  toServerError(): ServerErrorResponse {
    return this.response;
  }
}

function isServerError(error: unknown): error is ServerErrorResponse {
  return (
    error instanceof Error &&
    typeof Reflect.get(error, 'code') === 'number' &&
    Reflect.has(error, 'metadata')
  );
}

function failOn(outcome: GroupOutcome, source: GroupSource, groupName: string): void {
  const error = outcomeError(outcome, source, groupName);
  if (error !== null) throw new AnsweredError(error);
}

function usernameOf(call: ServerDuplexStream<ReadReq, ReadResp>): string {
  const header = call.metadata.get('authorization')[0];
  if (typeof header !== 'string' || !header.startsWith('Basic ')) return 'anonymous';
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 ? decoded.slice(0, colon) : 'anonymous';
}

/** `PersistentSubscriptions/Read`: options first, then acks and nacks while events flow out. */
function readHandler(
  store: EventStore,
  service: PersistentSubscriptionService,
): handleBidiStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    let membership:
      | {
          ack(ids: string[]): void;
          nack(a: NackAction, ids: string[], r: string): void;
          leave(): void;
        }
      | undefined;
    let finished = false;
    const finish = (error?: ServerErrorResponse): void => {
      if (finished) return;
      finished = true;
      membership?.leave();
      membership = undefined;
      if (error !== undefined) call.emit('error', error);
    };
    call.on('cancelled', () => finish());
    call.on('error', () => finish());
    call.on('data', (request: ReadReq) => {
      if (finished) return;
      try {
        if (membership === undefined) {
          const options = request.getOptions();
          if (options === undefined)
            throw new BadRequestError('The first read message must carry the options.');
          const source = sourceOfOption(options.getStreamIdentifier(), options.hasAll());
          const groupName = options.getGroupName();
          const uuidFormat =
            options.getUuidOption()?.hasStructured() === true ? 'structured' : 'string';
          const stream = sourceName(source);
          const connectionName = call.metadata.get('connection-name')[0];
          const joined = service.join(source, groupName, {
            maxInFlight: options.getBufferSize() > 0 ? options.getBufferSize() : DEFAULT_IN_FLIGHT,
            connectionName: typeof connectionName === 'string' ? connectionName : '<unknown>',
            from: call.getPeer(),
            username: usernameOf(call),
            deliver: (event, retryCount) => {
              if (!finished)
                call.write(persistentEventResponse(store, event, retryCount, uuidFormat));
            },
            drop: () => finish(persistentSubscriptionDroppedError(stream, groupName)),
          });
          if (joined.kind === 'not_found')
            return finish(persistentSubscriptionNotFoundError(stream, groupName));
          if (joined.kind === 'full')
            return finish(maximumSubscribersReachedError(stream, groupName));
          call.write(confirmationResponse(joined.subscriptionId));
          membership = joined.membership;
          return;
        }
        const ack = request.getAck();
        if (ack !== undefined) return membership.ack(ack.getIdsList().map(uuidText));
        const nack = request.getNack();
        if (nack !== undefined) {
          const action = NACK_ACTIONS[nack.getAction()];
          if (action === undefined)
            throw new BadRequestError(`Unknown nack action ${nack.getAction()}.`);
          return membership.nack(action, nack.getIdsList().map(uuidText), nack.getReason());
        }
        throw new BadRequestError('A read message must carry options, an ack or a nack.');
      } catch (error) {
        finish(asServerError(error));
      }
    });
  };
}

export function persistentSubscriptionsHandlers(
  store: EventStore,
  service: PersistentSubscriptionService,
): UntypedServiceImplementation {
  return {
    create: unary(async (request: CreateReq) => {
      const definition = createDefinitionOf(request);
      failOn(await service.create(definition), definition.source, definition.groupName);
      return new CreateResp();
    }),
    update: unary(async (request: UpdateReq) => {
      const definition = updateDefinitionOf(request);
      failOn(await service.update(definition), definition.source, definition.groupName);
      return new UpdateResp();
    }),
    delete: unary(async (request: DeleteReq) => {
      const options = request.getOptions();
      if (options === undefined) throw new BadRequestError('A delete request must carry options.');
      const source = sourceOfOption(options.getStreamIdentifier(), options.hasAll());
      failOn(await service.delete(source, options.getGroupName()), source, options.getGroupName());
      return new DeleteResp();
    }),
    getInfo: unary(async (request: GetInfoReq) => {
      const options = request.getOptions();
      if (options === undefined)
        throw new BadRequestError('A get-info request must carry options.');
      const source = sourceOfOption(options.getStreamIdentifier(), options.hasAll());
      const info = service.info(source, options.getGroupName());
      if (info === undefined) failOn({ kind: 'not_found' }, source, options.getGroupName());
      return new GetInfoResp().setSubscriptionInfo(
        info === undefined ? undefined : subscriptionInfoOf(info),
      );
    }),
    list: unary(async (request: ListReq) => {
      const forStream = request.getOptions()?.getListForStream();
      const stream =
        forStream === undefined
          ? undefined
          : forStream.hasAll()
            ? '$all'
            : streamNameOrEmpty(forStream.getStream());
      const infos = service.list(stream);
      if (infos === undefined)
        throw new AnsweredError(persistentSubscriptionNotFoundError(stream ?? '', ''));
      return new ListResp().setSubscriptionsList(infos.map(subscriptionInfoOf));
    }),
    replayParked: unary(async (request: ReplayParkedReq) => {
      const options = request.getOptions();
      if (options === undefined) throw new BadRequestError('A replay request must carry options.');
      const source = sourceOfOption(options.getStreamIdentifier(), options.hasAll());
      const stopAt = options.hasStopAt() ? BigInt(options.getStopAt()) : undefined;
      failOn(
        await service.replayParked(source, options.getGroupName(), stopAt),
        source,
        options.getGroupName(),
      );
      return new ReplayParkedResp();
    }),
    restartSubsystem: unary(async (_request: Empty) => {
      service.restart();
      return new Empty();
    }),
    read: readHandler(store, service),
  };
}
