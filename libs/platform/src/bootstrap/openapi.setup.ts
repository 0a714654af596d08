import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import {
  PROBLEM_RESPONSE,
  SIGNATURE_HEADER_EXTENSION,
  WEBHOOK_SIGNATURE_SCHEME,
} from '../http/routes';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem-details';
import type { ProblemMapper } from '../problems/problem-mapping';

/** RFC 9457 problem document, with this platform's extension members. */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string', description: 'urn:hirestream:problem:<slug>, or about:blank' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The path the problem arose on' },
    correlationId: { type: 'string', description: 'Quote it when reporting a problem' },
    rule: {
      type: 'string',
      description: 'On a 409: the name of the rule that refused the command',
    },
    currentRevision: {
      type: ['string', 'null'],
      description: 'On an If-Match mismatch: the revision the resource is at',
    },
    errors: {
      type: 'array',
      description: 'On a 400: every failing rule of every field',
      items: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: {
          field: { type: 'string', description: 'Dotted path, e.g. panel.0.role' },
          rule: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
  },
} as const;

/** What each status means on every route, before the mapped errors' own titles. */
const STANDARD_PROBLEMS: Readonly<Record<number, string>> = {
  400: 'The request breaks a rule: `errors` names every field and rule (also a malformed If-Match or Idempotency-Key)',
  401: 'No bearer token, or one that is invalid or expired (a webhook: no valid signature)',
  403: "The caller's roles do not allow this, or the candidacy is not theirs",
  409: 'A request with this Idempotency-Key is still being processed',
  413: 'The body is larger than the service accepts',
  415: 'The body is not JSON: send it as application/json',
  422: 'This Idempotency-Key was already used with a different request',
  503: 'A dependency (the identity provider, the read-model store) is unavailable; try again',
};

type Operation = { responses?: Record<string, { description?: string; content?: unknown }> };

/**
 * Completes the generated document: every problem response gets the shared
 * Problem schema and a description listing what it can mean (from the problem
 * mappings the service and its libraries registered), and named schemas (those
 * with a `title`) become components, so generated clients get named types.
 */
function completed(document: OpenAPIObject, problems: ProblemMapper): OpenAPIObject {
  const components: Record<string, unknown> = { Problem: PROBLEM_SCHEMA };
  const signatureHeaders = new Set<string>();
  const hoisted = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(hoisted);
    if (typeof schema !== 'object' || schema === null) return schema;
    const entries = Object.entries(schema).map(([key, value]) => [key, hoisted(value)] as const);
    const copy = Object.fromEntries(entries) as Record<string, unknown>;
    const title = copy.title;
    if (typeof title === 'string' && copy.type === 'object' && /^[A-Za-z][\w]*$/.test(title)) {
      components[title] = copy;
      return { $ref: `#/components/schemas/${title}` };
    }
    return copy;
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      const signatureHeader = (operation as Record<string, unknown>)[SIGNATURE_HEADER_EXTENSION];
      if (typeof signatureHeader === 'string') {
        signatureHeaders.add(signatureHeader);
        delete (operation as Record<string, unknown>)[SIGNATURE_HEADER_EXTENSION];
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description !== PROBLEM_RESPONSE) continue;
        const code = Number(status);
        const meanings = [
          STANDARD_PROBLEMS[code],
          ...problems
            .all()
            .filter((mapping) => mapping.status === code)
            .map((mapping) => mapping.title),
        ].filter((meaning): meaning is string => meaning !== undefined);
        operation.responses![status] = {
          description: meanings.length > 0 ? meanings.join('; ') : (STATUS_CODES[code] ?? 'Error'),
          content: {
            [PROBLEM_CONTENT_TYPE.split(';')[0]]: {
              schema: { $ref: '#/components/schemas/Problem' },
            },
          },
        };
      }
    }
  }
  const paths = hoisted(document.paths) as OpenAPIObject['paths'];
  if (signatureHeaders.size > 1) {
    throw new Error(
      `webhooks of one service sign in one header, not ${[...signatureHeaders].join(', ')}`,
    );
  }
  const [signatureHeader] = signatureHeaders;
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, ...(components as Record<string, never>) },
      securitySchemes: {
        ...document.components?.securitySchemes,
        ...(signatureHeader === undefined
          ? {}
          : {
              [WEBHOOK_SIGNATURE_SCHEME]: {
                type: 'apiKey',
                in: 'header',
                name: signatureHeader,
                description:
                  'A webhook carries no token: its sender signs each request (HMAC-SHA256 with the shared webhook secret over "<timestamp>.<raw body>"; the operation names its headers), and a request without a valid, fresh signature is refused (401) unread.',
              },
            }),
      },
    },
  };
}

/** Swagger UI at `/docs`, the OpenAPI 3.1 document at `/docs-json`. */
export function setupOpenApi(
  app: INestApplication,
  serviceName: string,
  version: string,
  problems: ProblemMapper,
): OpenAPIObject {
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(`hirestream ${serviceName}`)
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .build(),
  );
  const document = completed(generated, problems);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
