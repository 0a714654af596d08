import type {
  handleServerStreamingCall,
  handleUnaryCall,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { ProjectionsService } from '@eventstore/db-client/generated/projections_grpc_pb';
import {
  DisableResp,
  EnableResp,
  ResultResp,
  StateResp,
  StatisticsResp,
  type DisableReq,
  type EnableReq,
  type ResetReq,
  type ResetResp,
  type ResultReq,
  type StateReq,
  StatisticsReq,
} from '@eventstore/db-client/generated/projections_pb';
import { Struct, Value } from 'google-protobuf/google/protobuf/struct_pb';
import type {
  ProjectionStatistics,
  StandardProjections,
} from '../projections/standard-projections';
import { asServerError } from './error-mapping';
import { projectionNotFoundError, unimplementedError } from './grpc-errors';
import { unimplementedHandler, unimplementedMessage } from './unimplemented-services';

function details(statistics: ProjectionStatistics): StatisticsResp.Details {
  return new StatisticsResp.Details()
    .setName(statistics.name)
    .setEffectivename(statistics.name)
    .setMode('Continuous')
    .setStatus(statistics.status)
    .setStatereason(statistics.stateReason)
    .setEpoch('-1')
    .setVersion(String(statistics.version))
    .setPosition(statistics.position)
    .setLastcheckpoint(statistics.position)
    .setProgress(statistics.progress)
    .setEventsprocessedafterrestart(String(statistics.eventsProcessedAfterRestart))
    .setCoreprocessingtime('0')
    .setBufferedevents('0')
    .setCheckpointstatus('');
}

/** The names a statistics request asks about: one by name, or those of a mode (the standard ones are continuous). */
function requestedNames(
  projections: StandardProjections,
  options: StatisticsReq.Options | undefined,
): readonly string[] | undefined {
  const name = options?.getName() ?? '';
  if (name.length > 0) return projections.has(name) ? [name] : undefined;
  const mode = options?.getModeCase();
  const listed =
    mode === undefined ||
    mode === StatisticsReq.Options.ModeCase.MODE_NOT_SET ||
    mode === StatisticsReq.Options.ModeCase.ALL ||
    mode === StatisticsReq.Options.ModeCase.CONTINUOUS;
  return listed ? projections.names : [];
}

/** A standard projection's state and result: EventStoreDB answers both as an empty object. */
function emptyObject(): Value {
  return new Value().setStructValue(new Struct());
}

/**
 * The Projections service for the standard projections `$by_category` and `$by_event_type`:
 * statistics, enable, disable (an abort disables too), state and result. Anything about
 * user-defined projections answers UNIMPLEMENTED, as does a reset or subsystem restart.
 */
export function projectionsServiceImplementation(
  projections: StandardProjections,
): UntypedServiceImplementation {
  const statistics: handleServerStreamingCall<StatisticsReq, StatisticsResp> = (call) => {
    const options = call.request.getOptions();
    const names = requestedNames(projections, options);
    if (names === undefined) {
      call.emit('error', projectionNotFoundError(options?.getName() ?? ''));
      return;
    }
    for (const name of names) {
      const found = projections.statistics(name);
      if (found !== undefined) call.write(new StatisticsResp().setDetails(details(found)));
    }
    call.end();
  };

  const switchTo =
    <Request extends EnableReq | DisableReq, Response>(
      enabled: boolean,
      response: () => Response,
    ): handleUnaryCall<Request, Response> =>
    (call, callback) => {
      const name = call.request.getOptions()?.getName() ?? '';
      projections.setEnabledByName(name, enabled).then(
        (found) => (found ? callback(null, response()) : callback(projectionNotFoundError(name))),
        (error: unknown) => callback(asServerError(error)),
      );
    };

  const state: handleUnaryCall<StateReq, StateResp> = (call, callback) => {
    const name = call.request.getOptions()?.getName() ?? '';
    if (!projections.has(name)) return callback(projectionNotFoundError(name));
    callback(null, new StateResp().setState(emptyObject()));
  };

  const result: handleUnaryCall<ResultReq, ResultResp> = (call, callback) => {
    const name = call.request.getOptions()?.getName() ?? '';
    if (!projections.has(name)) return callback(projectionNotFoundError(name));
    callback(null, new ResultResp().setResult(emptyObject()));
  };

  // Only the standard projections exist: any other name is not found, as on the real server.
  const reset: handleUnaryCall<ResetReq, ResetResp> = (call, callback) => {
    const name = call.request.getOptions()?.getName() ?? '';
    if (!projections.has(name)) return callback(projectionNotFoundError(name));
    callback(unimplementedError(unimplementedMessage('Projection resets')));
  };

  const userDefined = 'User-defined (JavaScript) projections';
  return {
    statistics,
    enable: switchTo<EnableReq, EnableResp>(true, () => new EnableResp()),
    disable: switchTo<DisableReq, DisableResp>(false, () => new DisableResp()),
    state,
    result,
    create: unimplementedHandler(ProjectionsService.create, userDefined),
    update: unimplementedHandler(ProjectionsService.update, userDefined),
    delete: unimplementedHandler(ProjectionsService.delete, userDefined),
    reset,
    restartSubsystem: unimplementedHandler(
      ProjectionsService.restartSubsystem,
      'Projection subsystem restarts',
    ),
  };
}
