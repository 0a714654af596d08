import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { currentCorrelation } from '../logging/correlation-context';
import type { JsonLogger } from '../logging/json-logger';
import {
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemType,
  statusTitle,
} from './problem-details';
import type { ProblemMapper } from './problem-mapping';
import { RequestValidationError } from './request-validation.error';

/** A problem before its request-specific members, with any extension members of its mapping. */
type ProblemCore = Omit<ProblemDetails, 'instance' | 'correlationId'> &
  Readonly<Record<string, unknown>>;

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Answers every HTTP error as an RFC 9457 problem document. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly mapper: ProblemMapper,
    private readonly logger: JsonLogger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const core = this.problemOf(exception);
    const query = request.url.indexOf('?');
    const problem: ProblemDetails & Readonly<Record<string, unknown>> = {
      ...core,
      instance: query === -1 ? request.url : request.url.slice(0, query),
      correlationId: currentCorrelation()?.correlationId,
    };
    if (reply.sent) return;
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE);
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    void reply.send(JSON.stringify(problem));
  }

  private problemOf(exception: unknown): ProblemCore {
    if (exception instanceof RequestValidationError) {
      return {
        type: problemType('validation-failed'),
        title: 'Invalid request',
        status: 400,
        detail: detailOf(exception),
        errors: exception.errors,
      };
    }
    const mapped = this.mapper.find(exception);
    if (mapped !== undefined) {
      const { extensions, ...problem } = mapped;
      return { ...extensions?.(exception), ...problem, detail: (exception as Error).message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status >= 500) this.logUnexpected(exception);
      return {
        type: 'about:blank',
        title: statusTitle(status),
        status,
        detail: detailOf(exception),
      };
    }
    this.logUnexpected(exception);
    return {
      type: 'about:blank',
      title: statusTitle(500),
      status: 500,
      detail: 'An unexpected error occurred; quote the correlation id when reporting it.',
    };
  }

  private logUnexpected(exception: unknown): void {
    if (exception instanceof Error)
      this.logger.error(exception.message, exception.stack ?? '', 'ProblemDetailsFilter');
    else
      this.logger.error(
        `Non-error thrown: ${String(exception)}`,
        undefined,
        'ProblemDetailsFilter',
      );
  }
}
