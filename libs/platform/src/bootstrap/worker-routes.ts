import type { FastifyInstance } from 'fastify';
import {
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemType,
} from '../problems/problem-details';

/** What a worker (`ROLE=worker`) answers: the orchestrator's probes and Prometheus. */
export const WORKER_PATHS: ReadonlySet<string> = new Set([
  '/health/live',
  '/health/ready',
  '/metrics',
]);

/** A worker answers 404 to everything but `WORKER_PATHS`, before any guard or route runs. */
export function serveWorkerPathsOnly(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const query = request.url.indexOf('?');
    const path = query === -1 ? request.url : request.url.slice(0, query);
    if (WORKER_PATHS.has(path)) {
      done();
      return;
    }
    const problem: ProblemDetails = {
      type: problemType('not-served-by-worker'),
      title: 'Not served by a worker',
      status: 404,
      detail: `this process runs the background work only (ROLE=worker); it serves ${[...WORKER_PATHS].join(', ')}`,
      instance: path,
    };
    void reply
      .status(404)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problem));
  });
}
