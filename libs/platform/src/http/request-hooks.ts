import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpMetrics } from '../metrics/http-metrics';
import {
  type CorrelationIds,
  currentCorrelation,
  runWithCorrelation,
} from '../logging/correlation-context';
import type { JsonLogger } from '../logging/json-logger';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Accepted as given; anything else (too long, odd characters) is replaced, keeping logs clean. */
const VALID_CORRELATION_ID = /^[\w.:-]{1,128}$/;

const PROBE_ROUTES: ReadonlySet<string> = new Set(['/health/live', '/health/ready', '/metrics']);

interface CorrelatedRequest extends FastifyRequest {
  correlation: CorrelationIds;
}

/**
 * Per request: take or make the correlation id and echo it, run the rest of the
 * request inside it, then log one line and observe the duration. Fastify hooks
 * rather than Nest middleware so 404s and body-parse failures are covered too.
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  logger: JsonLogger,
  metrics: HttpMetrics,
): void {
  fastify.decorateRequest('correlation', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    const header = request.headers[CORRELATION_HEADER];
    const correlationId =
      typeof header === 'string' && VALID_CORRELATION_ID.test(header) ? header : randomUUID();
    const ids: CorrelationIds = { correlationId, personalDataKeys: new Set() };
    (request as CorrelatedRequest).correlation = ids;
    void reply.header(CORRELATION_HEADER, correlationId);
    runWithCorrelation(ids, done);
  });
  // A body is read on socket events outside the onRequest context, so re-enter it for the handler
  // (requests without a body are still inside it).
  fastify.addHook('preValidation', (request, _reply, done) => {
    const ids = (request as CorrelatedRequest).correlation;
    if (currentCorrelation() === ids) done();
    else runWithCorrelation(ids, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const ms = reply.elapsedTime;
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, ms / 1000);
    const correlationId = (request as CorrelatedRequest).correlation.correlationId;
    // Probes and scrapes arrive every few seconds; their lines would drown the requests that matter.
    // The correlation id is one of VALID_CORRELATION_ID or a UUID: nothing in it needs escaping.
    logger.writeMembers(
      PROBE_ROUTES.has(route) ? 'debug' : 'info',
      `"context":"http","correlationId":"${correlationId}","method":${JSON.stringify(request.method)},"url":${JSON.stringify(request.url)},"status":${reply.statusCode},"ms":${Math.round(ms * 100) / 100}`,
      'request completed',
    );
    done();
  });
}
