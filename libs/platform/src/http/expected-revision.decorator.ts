import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { revisionFromIfMatch } from './entity-tag';

/** The revision the request's If-Match expects (400 when malformed), or undefined without one. */
export const ExpectedRevision = createParamDecorator(
  (_data: unknown, context: ExecutionContext): bigint | undefined =>
    revisionFromIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
