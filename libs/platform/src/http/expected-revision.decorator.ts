import {
  applyDecorators,
  createParamDecorator,
  HttpCode,
  Post,
  UseInterceptors,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { revisionFromIfMatch } from './entity-tag';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** A POST that runs a command: answers `status` and honours Idempotency-Key. */
export const IdempotentPost = (path: string, status = 200): MethodDecorator =>
  applyDecorators(Post(path), HttpCode(status), UseInterceptors(IdempotencyInterceptor));

/** The revision the request's If-Match expects (400 when malformed), or undefined without one. */
export const ExpectedRevision = createParamDecorator(
  (_data: unknown, context: ExecutionContext): bigint | undefined =>
    revisionFromIfMatch(context.switchToHttp().getRequest<FastifyRequest>().headers['if-match']),
);
