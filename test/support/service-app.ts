import { EventStore, StreamActivity } from '@hirestream/event-sourcing';
import { createServiceApp, startMicroservices, type Clock, type Role } from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, Response } from 'light-my-request';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { bearer } from './tokens';
import { startEmbeddedServers, type EmbeddedServers } from './embedded-servers';
import { freePort } from './free-port';
import type { OpenApiDocument } from './openapi-operations';
import { OpenApiResponseChecker } from './openapi-responses';
import { serviceOptionsOf } from '../../tools/service-options';

export { serviceOptionsOf };

const repositoryRoot = join(__dirname, '..', '..');

/** A request to the app: `as` names the caller (a role, a token or none), defaulting to none. */
export type ServiceRequest = InjectOptions & Readonly<{ as?: Role | Readonly<{ bearer: string }> }>;

export type ServiceApp = {
  servers: EmbeddedServers;
  app: NestFastifyApplication;
  store: EventStore;
  /** Every store call of the service's command gateways, to count what a request cost. */
  activity: StreamActivity;
  /** The service's OpenAPI document, as `GET /docs-json` answers it. */
  document: OpenApiDocument;
  /** Where it listens (`http://127.0.0.1:<port>`), when the file's apps listen (see `env`). */
  url: string | undefined;
  /** `Bearer …` for a caller with `role`, subject `<role>-1` unless told otherwise. */
  bearer(role: Role, subject?: string, candidateId?: string): Promise<string>;
  /**
   * Sends a request and checks the response against the service's OpenAPI
   * document (status documented, body matching its schema) before returning it.
   */
  inject(request: ServiceRequest): Promise<Response>;
};

export type ServiceAppOptions = Readonly<{
  /** Also start the service's Kafka consumers (its reactions), as `bootstrapService` does. */
  consumers?: boolean;
  /** Called with the app before its consumers start, e.g. to watch what they do. */
  beforeConsumers?: (app: NestFastifyApplication) => void;
  /**
   * The service's environment. As a function it is given the base URL of every
   * app of the spec file, and then every app listens on a port of its own, so
   * that one service can call another over HTTP (the audit service does).
   */
  env?: Environment | ((urls: Readonly<Record<string, string>>) => Environment);
  /** The service's clock (a `TestClock` the test moves); the wall clock when absent. */
  clock?: Clock;
}>;

type Environment = Readonly<Record<string, string>>;

/** Every service under apps/, by folder name. */
export function serviceNames(): string[] {
  return readdirSync(join(repositoryRoot, 'apps'));
}

async function startServiceApp(
  name: string,
  servers: EmbeddedServers,
  options: ServiceAppOptions,
  into: ServiceApp,
  urls: Readonly<Record<string, string>> | undefined,
): Promise<void> {
  const serviceOptions = serviceOptionsOf(name);
  into.servers = servers;
  into.app = await createServiceApp({
    ...serviceOptions,
    env: {
      ...servers.env,
      ...(typeof options.env === 'function' ? options.env(urls ?? {}) : options.env),
    },
    clock: options.clock,
    shutdownHooks: false,
  });
  into.url = urls?.[name];
  if (into.url !== undefined) await into.app.listen(Number(new URL(into.url).port), '127.0.0.1');
  options.beforeConsumers?.(into.app);
  if (options.consumers === true) await startMicroservices(into.app, serviceOptions);
  into.store = into.app.get(EventStore);
  into.activity = into.app.get(StreamActivity);
  into.document = (
    await into.app.inject({ method: 'GET', url: '/docs-json' })
  ).json<OpenApiDocument>();
  const checker = new OpenApiResponseChecker(into.document);
  const tokens = new Map<string, Promise<string>>();
  into.bearer = (role, subject = `${role}-1`, candidateId) => {
    const key = `${role}\n${subject}\n${candidateId ?? ''}`;
    let token = tokens.get(key);
    if (token === undefined) {
      token = bearer(subject, [role], candidateId);
      tokens.set(key, token);
    }
    return token;
  };
  into.inject = async ({ as, ...request }) => {
    const authorization =
      as === undefined ? undefined : typeof as === 'string' ? await into.bearer(as) : as.bearer;
    const response = await into.app.inject({
      ...request,
      headers: { ...(authorization === undefined ? {} : { authorization }), ...request.headers },
    });
    checker.check({
      method: String(request.method ?? 'GET').toUpperCase(),
      url: String(request.url),
      statusCode: response.statusCode,
      contentType: response.headers['content-type'] as string | undefined,
      body: response.body,
    });
    return response;
  };
}

/** A loopback URL on a free port for each name, no two alike. */
async function distinctUrls(names: readonly string[]): Promise<Record<string, string>> {
  const ports = new Set<number>();
  while (ports.size < names.length) ports.add(await freePort());
  const free = [...ports];
  return Object.fromEntries(names.map((name, i) => [name, `http://127.0.0.1:${free[i]}`]));
}

/**
 * Starts the embedded servers once for the spec file and the named services
 * on them, each built as `npm start` builds it (in the order given), before the
 * file's tests; after them, stops the services in reverse order, then the
 * servers. Call at the top level of a spec file.
 */
export function useServiceApps<N extends string>(
  services: Readonly<Record<N, ServiceAppOptions>>,
): Readonly<Record<N, ServiceApp>> {
  const names = Object.keys(services) as N[];
  const apps = Object.fromEntries(names.map((name) => [name, {} as ServiceApp])) as Record<
    N,
    ServiceApp
  >;
  let servers: EmbeddedServers | undefined;
  beforeAll(async () => {
    servers = await startEmbeddedServers(names.join('-'));
    const listen = names.some((name) => typeof services[name].env === 'function');
    const urls = listen ? await distinctUrls(names) : undefined;
    for (const name of names) {
      await startServiceApp(name, servers, services[name], apps[name], urls);
    }
  });
  afterAll(async () => {
    for (const name of [...names].reverse()) await apps[name].app?.close();
    await servers?.stop();
  });
  return apps;
}

/** Resolves once the service answers `/health/ready` with 200 (projections caught up). */
export async function whenReady(app: ServiceApp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    if (response.statusCode === 200) return;
    if (Date.now() > deadline) {
      throw new Error(`not ready after ${timeoutMs} ms: ${response.body}`);
    }
    await sleep(100);
  }
}

/** `useServiceApps` for one service. */
export function useServiceApp(name: string, options: ServiceAppOptions = {}): Readonly<ServiceApp> {
  return useServiceApps({ [name]: options })[name];
}
