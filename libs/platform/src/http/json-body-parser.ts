import { BadRequestException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The JSON body as received, before parsing: what a webhook's signature covers. */
    rawBody?: string;
  }
}

/** Fastify's default, stated: a larger body is refused unread (413). */
export const MAX_BODY_BYTES = 1_048_576;

/** Deeper than any request of the platform nests; a body nesting deeper is refused unread. */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `limit`, found without recursion. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Fastify's own JSON parser (which refuses `__proto__` and `constructor`
 * poisoning), bounded in depth as Fastify bounds the size, so that no later
 * step walks an arbitrarily deep body. The text is kept as `rawBody` (the
 * string is read anyway; keeping it costs a reference) for signed webhooks.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.decorateRequest('rawBody', undefined);
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    request.rawBody = text;
    parse(request, text, (error, parsed) => {
      if (error !== null) return done(error, undefined);
      if (nestsDeeperThan(parsed, MAX_BODY_DEPTH)) {
        return done(
          new BadRequestException(`The body nests deeper than ${MAX_BODY_DEPTH} levels`),
          undefined,
        );
      }
      done(null, parsed);
    });
  });
}
