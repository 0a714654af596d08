import {
  actingPrincipalOf,
  revisionFromIfMatch,
  type ActingPrincipal,
  type RequestWithPrincipal,
} from '@hirestream/platform';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { commandContextOf } from '../command/command-context';
import type { CommandOptions } from '../command/command-gateway';
import type { CommandContext } from '../store/recorded-event';

/** Who calls a route and how, as a command path needs it. */
export type CommandCaller = Readonly<{
  principal: ActingPrincipal;
  /** The metadata the command's events carry: the caller as actor, the request's correlation. */
  context: CommandContext;
  /** The gateway's options the request sets: its If-Match as the expected revision. */
  options: CommandOptions;
  /** For the answer's headers (ETag, Location). */
  reply: FastifyReply;
}>;

/**
 * The route's caller (authenticated routes only): principal, command context,
 * If-Match (a malformed one is 400) and the reply, in one parameter.
 */
export const Caller = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): CommandCaller => {
    const http = execution.switchToHttp();
    const request = http.getRequest<RequestWithPrincipal>();
    const principal = actingPrincipalOf(request);
    if (principal === undefined) throw new Error('@Caller() is for authenticated routes');
    return {
      principal,
      context: commandContextOf({ principal }),
      options: { expectedRevision: revisionFromIfMatch(request.headers['if-match']) },
      reply: http.getResponse<FastifyReply>(),
    };
  },
);
