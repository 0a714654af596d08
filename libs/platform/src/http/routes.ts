import { applyDecorators, Delete, Get, HttpCode, Post, Put, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
} from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';
import { CandidateScope, Public, Roles } from '../auth/auth.decorators';
import type { Role } from '../auth/roles';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/*
 * Every API route is declared with one of these decorators, so that each
 * says who may call it and documents itself whole: its success body and
 * headers, and every problem it can answer (filled in by `setupOpenApi` from
 * the service's problem mappings).
 */

/** Marks the problem responses `setupOpenApi` completes (shared Problem schema, descriptions). */
export const PROBLEM_RESPONSE = 'x-hirestream-problem';

type RouteAccess = Readonly<{
  /** The roles that may call; checked by the roles guard. */
  roles: readonly Role[];
  /** For the candidate role: the route parameter naming the candidacy they must own. */
  candidateScope?: string;
}>;

type RouteDocs = Readonly<{
  /** Stable name of the operation for generated clients. */
  operationId: string;
  summary: string;
  /** The success body. */
  response: TSchema;
  /** Problems beyond those every route of its kind answers, e.g. 404, 409. */
  problems?: readonly number[];
}>;

export type CommandRouteOptions = RouteAccess &
  RouteDocs &
  Readonly<{
    /** DELETE withdraws what the resource holds (answered 200 with what remains). */
    method?: 'POST' | 'PUT' | 'DELETE';
    path: string;
    /** 201 with a Location header for a command that creates a resource; 200 otherwise. */
    creates?: boolean;
    /** The resource is a stream: the answer carries its revision as ETag, and If-Match is honoured. */
    revisioned?: boolean;
  }>;

export type QueryRouteOptions = RouteAccess &
  RouteDocs &
  Readonly<{
    /** GET, or POST for a query whose question is a body (answered 200, changes nothing). */
    method?: 'GET' | 'POST';
    path: string;
    /** The answer carries the stream revision it reflects as ETag. */
    revisioned?: boolean;
  }>;

export type WebhookRouteOptions = RouteDocs &
  Readonly<{
    path: string;
    /** The headers that carry the signature (name → description), documented as required. */
    signatureHeaders: Readonly<Record<string, string>>;
    /** Which of them holds the signature itself: the document's `webhookSignature` scheme names it. */
    signatureHeader: string;
  }>;

/** The OpenAPI security scheme of a signed webhook (an API key in a header: the HMAC signature). */
export const WEBHOOK_SIGNATURE_SCHEME = 'webhookSignature';
/** Where a webhook route tells the document its signature header (read, then removed, at setup). */
export const SIGNATURE_HEADER_EXTENSION = 'x-signature-header';

const ETAG_HEADER = {
  ETag: { description: 'The stream revision, for If-Match', schema: { type: 'string' } },
};

function problemResponses(statuses: readonly number[]): MethodDecorator[] {
  return [...new Set(statuses)]
    .sort((a, b) => a - b)
    .map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_RESPONSE,
      }),
    );
}

function access({ roles, candidateScope }: RouteAccess): MethodDecorator[] {
  return [
    Roles(...roles),
    ...(candidateScope === undefined ? [] : [CandidateScope(candidateScope)]),
    ApiBearerAuth('bearer'),
  ];
}

/** Authenticated routes: bad input, no or a bad token, a role that may not, keys unavailable. */
const EVERY_ROUTE_PROBLEMS = [400, 401, 403, 503];

/** Routes that read a body: too large, or not JSON. */
const BODY_PROBLEMS = [413, 415];

/** A route that runs a command: POST (Idempotency-Key honoured), PUT or DELETE. */
export function CommandRoute(options: CommandRouteOptions): MethodDecorator {
  const method = options.method ?? 'POST';
  const status = options.creates === true ? 201 : 200;
  // A creation has no revision to expect yet.
  const readsIfMatch = options.revisioned === true && options.creates !== true;
  const headers = {
    ...(options.revisioned === true ? ETAG_HEADER : {}),
    ...(options.creates === true
      ? { Location: { description: 'Where the new resource is read', schema: { type: 'string' } } }
      : {}),
  };
  return applyDecorators(
    { POST: Post, PUT: Put, DELETE: Delete }[method](options.path),
    HttpCode(status),
    ...access(options),
    ApiOperation({ operationId: options.operationId, summary: options.summary }),
    ApiResponse({ status, description: 'Done', schema: options.response, headers }),
    ...(method === 'POST'
      ? [
          UseInterceptors(IdempotencyInterceptor),
          ApiHeader({
            name: 'Idempotency-Key',
            required: false,
            description:
              'A repeat with the same key (same caller, route and body) returns the first response and changes nothing; with another body it is 422',
            schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          }),
        ]
      : []),
    ...(readsIfMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The revision (ETag) the change expects; 409 when the stream moved on',
            schema: { type: 'string', pattern: '^"\\d{1,20}"$' },
          }),
        ]
      : []),
    ...problemResponses([
      ...EVERY_ROUTE_PROBLEMS,
      ...BODY_PROBLEMS,
      ...(method === 'POST' ? [409, 422] : []),
      ...(readsIfMatch ? [409] : []),
      ...(options.problems ?? []),
    ]),
  );
}

/** A route that reads, and changes nothing. */
export function QueryRoute(options: QueryRouteOptions): MethodDecorator {
  const post = options.method === 'POST';
  return applyDecorators(
    ...(post ? [Post(options.path), HttpCode(200)] : [Get(options.path)]),
    ...access(options),
    ApiOperation({ operationId: options.operationId, summary: options.summary }),
    ApiResponse({
      status: 200,
      description: 'Found',
      schema: options.response,
      headers: options.revisioned === true ? ETAG_HEADER : undefined,
    }),
    ...problemResponses([
      ...EVERY_ROUTE_PROBLEMS,
      ...(post ? BODY_PROBLEMS : []),
      ...(options.problems ?? []),
    ]),
  );
}

/**
 * A route a partner calls (a provider's webhook): no bearer token, the
 * handler's guard checks a signature over the raw body instead (401 when it
 * does not hold). POST, answered 200.
 */
export function WebhookRoute(options: WebhookRouteOptions): MethodDecorator {
  return applyDecorators(
    Post(options.path),
    HttpCode(200),
    Public(),
    ApiSecurity(WEBHOOK_SIGNATURE_SCHEME),
    ApiExtension(SIGNATURE_HEADER_EXTENSION, options.signatureHeader),
    ApiOperation({ operationId: options.operationId, summary: options.summary }),
    ApiResponse({ status: 200, description: 'Taken', schema: options.response }),
    ...Object.entries(options.signatureHeaders).map(([name, description]) =>
      ApiHeader({ name, required: true, description, schema: { type: 'string' } }),
    ),
    ...problemResponses([400, 401, 503, ...BODY_PROBLEMS, ...(options.problems ?? [])]),
  );
}
