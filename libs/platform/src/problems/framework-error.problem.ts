import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';

/** Fastify's default longest path parameter; ids are at most 100 characters. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

const DETAILS: Readonly<Record<string, string>> = {
  FST_ERR_BAD_URL: 'The path is not a valid URL: it has a malformed percent-escape',
  FST_ERR_MAX_PARAM_LENGTH: `A path parameter is longer than ${MAX_PATH_PARAMETER_LENGTH} characters`,
};

/**
 * Answers what Fastify refuses before any route runs (a path that is not a
 * URL, a path parameter over its length limit) as the 400 problem every
 * route documents, rather than Fastify's own JSON (and a 414 no route knows).
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const query = request.url.indexOf('?');
  const problem: ProblemDetails = {
    type: problemType('malformed-request'),
    title: 'Malformed request',
    status: 400,
    detail: DETAILS[error.code] ?? error.message,
    instance: query === -1 ? request.url : request.url.slice(0, query),
  };
  void reply.status(400).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
