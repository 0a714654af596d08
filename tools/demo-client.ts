import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, PlatformConfig, signDevelopmentToken, type Role } from '@hirestream/platform';
import { SERVICES } from './services';

/** The name of a service `npm start` runs. */
export type ServiceName = (typeof SERVICES)[number]['name'];

/** Who sends a request: a subject with roles, or a candidate about their own candidacy. */
export type Caller =
  { readonly subject: string; readonly roles: readonly Role[] } | { readonly candidateId: string };

export const RECRUITER: Caller = { subject: 'demo-recruiter', roles: ['recruiter'] };
export const COORDINATOR: Caller = { subject: 'demo-coordinator', roles: ['coordinator'] };
export const HIRING_MANAGER: Caller = {
  subject: 'demo-hiring-manager',
  roles: ['hiring-manager'],
};

export interface DemoRequest {
  readonly as: Caller;
  readonly body?: unknown;
  /** Statuses taken as an answer (200, 201 and 204 by default); any other throws. */
  readonly accept?: readonly number[];
  readonly idempotencyKey?: string;
}

export interface DemoResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** An answer the demo did not expect, with what was sent and what came back. */
export class DemoRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
    request: string,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(problem)}`);
  }
}

/**
 * The services' public HTTP APIs, called with development tokens (signed with
 * the development key the services accept in AUTH_MODE=development, read from
 * the environment as `npm run token` reads it).
 */
export class DemoClient {
  private readonly config = loadConfig(PlatformConfig, {
    ...process.env,
    AUTH_MODE: 'development',
  });
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(readonly urls: Readonly<Record<ServiceName, string>>) {}

  async send<T>(
    service: ServiceName,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    request: DemoRequest,
  ): Promise<DemoResponse<T>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${await this.token(request.as)}`,
    };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = request.idempotencyKey ?? randomUUID();
    const url = `${this.urls[service]}${path}`;
    const response = await fetch(url, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    const body = (text === '' ? undefined : JSON.parse(text)) as T;
    const accepted = request.accept ?? [200, 201, 204];
    if (!accepted.includes(response.status)) {
      throw new DemoRequestError(response.status, body, `${method} ${url}`);
    }
    return { status: response.status, body };
  }

  async get<T>(service: ServiceName, path: string, as: Caller): Promise<T> {
    return (await this.send<T>(service, 'GET', path, { as })).body;
  }

  async post<T>(service: ServiceName, path: string, as: Caller, body?: unknown): Promise<T> {
    return (await this.send<T>(service, 'POST', path, { as, body: body ?? {} })).body;
  }

  private token(caller: Caller): Promise<string> {
    const key = JSON.stringify(caller);
    let token = this.tokens.get(key);
    if (token === undefined) {
      token = signDevelopmentToken(
        'candidateId' in caller
          ? {
              subject: `candidate-${caller.candidateId}`,
              roles: ['candidate'],
              candidateId: caller.candidateId,
              ttl: '4h',
            }
          : { subject: caller.subject, roles: [...caller.roles], ttl: '4h' },
        this.config,
      );
      this.tokens.set(key, token);
    }
    return token;
  }
}

/** Asks `check` every 250 ms until it gives a value, for at most `timeoutMs`; `what` names the wait. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting ${timeoutMs / 1000} s for ${what}`);
    await sleep(250);
  }
}
