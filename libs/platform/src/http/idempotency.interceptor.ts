import {
  BadRequestException,
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../auth/auth.decorators';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from './idempotency-store';

const IDEMPOTENCY_HEADER = 'idempotency-key';
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay must repeat for the client to act on it. */
const REPLAYED_HEADERS = ['etag', 'location', 'content-type'];

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with every object's keys sorted: one request however its client ordered the fields. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Idempotency-Key on POST: the first request with a key runs and its response
 * is stored; a repeat (same caller, route and body) gets that response again
 * with `Idempotent-Replayed: true` and changes nothing. The same key with another
 * body is 422; a repeat while the first is still running is 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header.join(',') : header;
    if (!VALID_KEY.test(key)) {
      throw new BadRequestException('Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(request, reply, key, next));
  }

  private async run(
    request: RequestWithPrincipal,
    reply: FastifyReply,
    key: string,
    next: CallHandler,
  ): Promise<unknown> {
    const route = request.routeOptions.url ?? request.url;
    const scopedKey = sha256(
      `${request.principal?.subject ?? ''}\n${request.method} ${route}\n${key}`,
    );
    const fingerprint = sha256(`${request.url}\n${canonicalJson(request.body ?? null)}`);
    const reservation = await this.store.reserve(scopedKey, fingerprint, new Date());
    if (reservation.outcome !== 'reserved') {
      if (reservation.fingerprint !== fingerprint) {
        throw new UnprocessableEntityException(
          'This Idempotency-Key was already used with a different request',
        );
      }
      if (reservation.outcome === 'in-progress') {
        throw new ConflictException(
          'A request with this Idempotency-Key is still being processed; retry later',
        );
      }
      if (reservation.response.erased === true) {
        throw new GoneException(
          'The response to this request held personal data that has since been erased',
        );
      }
      for (const [name, value] of Object.entries(reservation.response.headers))
        reply.header(name, value);
      reply.header('idempotent-replayed', 'true');
      return reservation.response.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(scopedKey);
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    try {
      await this.store.complete(scopedKey, { headers, body });
    } catch (error) {
      // Released as a failed request's is, rather than "in progress" until it counts as abandoned.
      await this.store.release(scopedKey);
      throw error;
    }
    return body;
  }
}
