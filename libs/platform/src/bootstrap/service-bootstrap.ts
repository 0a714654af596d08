import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AccessGuard } from '../auth/access.guard';
import { type ConfigClass, loadConfig } from '../config/config-loader';
import { PlatformConfig } from '../config/platform.config';
import { runsBackgroundWork, servesApi, type ServiceRole } from '../config/service-role';
import { JsonLogger } from '../logging/json-logger';
import { installRequestHooks } from '../http/request-hooks';
import { createMetricsRegistry, HttpMetrics } from '../metrics/http-metrics';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import {
  answerFrameworkError,
  MAX_PATH_PARAMETER_LENGTH,
} from '../problems/framework-error.problem';
import { ProblemMapper, type ProblemMapping } from '../problems/problem-mapping';
import { installJsonBodyParser, MAX_BODY_BYTES } from '../http/json-body-parser';
import { holdBackgroundWork } from './background-work';
import { setupOpenApi } from './openapi.setup';
import { stopWhenParentExits } from './parent-watch';
import { Clock } from '../clock/clock';
import { PlatformModule } from './platform.module';
import { serveWorkerPathsOnly } from './worker-routes';

export interface ServiceOptions<C extends PlatformConfig = PlatformConfig> {
  /** Appears in every log line, the metrics labels and the API docs title. */
  readonly serviceName: string;
  /** The service's root module. */
  readonly module: Type<unknown> | DynamicModule;
  /** Port when `PORT` is unset (0: any free port). */
  readonly port?: number;
  /** Host when `HOST` is unset; defaults to 127.0.0.1. */
  readonly host?: string;
  /** A subclass of `PlatformConfig` declaring the service's own variables. */
  readonly config?: ConfigClass<C>;
  /** Error classes answered as problems with a given status (e.g. a domain rejection → 409). */
  readonly problemMappings?: readonly ProblemMapping[];
  /** Environment to read instead of `process.env` (tests). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where JSON log lines go instead of stdout (tests). */
  readonly logDestination?: DestinationStream;
  /** The clock decisions are taken at, instead of the wall clock (tests move it by hand). */
  readonly clock?: Clock;
  /** API version shown in the docs. */
  readonly version?: string;
  /** SIGTERM/SIGINT close the app and run shutdown hooks; default true. */
  readonly shutdownHooks?: boolean;
  /**
   * Attaches the service's message consumers (`connectEventConsumer`). They
   * start once the HTTP server listens, so a slow broker never delays the API.
   */
  readonly connectMicroservices?: (app: NestFastifyApplication) => void;
}

const ROLE_SERVES: Readonly<Record<ServiceRole, string>> = {
  all: 'API docs at /docs',
  api: 'ROLE=api: no background work; API docs at /docs',
  worker: 'ROLE=worker: background work, health and metrics only',
};

@Module({})
class ServiceRootModule {}

/**
 * Builds and initializes the service (routes, hooks, docs) without listening:
 * tests drive it with `app.inject()` or call `listen` themselves.
 */
export async function createServiceApp<C extends PlatformConfig>(
  options: ServiceOptions<C>,
): Promise<NestFastifyApplication> {
  const configClass = options.config ?? (PlatformConfig as ConfigClass<C>);
  const config = loadConfig(configClass, options.env ?? process.env);
  const logger = new JsonLogger({
    service: options.serviceName,
    level: config.LOG_LEVEL,
    destination: options.logDestination,
  });
  const registry = createMetricsRegistry(options.serviceName);
  const mapper = new ProblemMapper(options.problemMappings ?? []);

  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: ServiceRootModule,
      imports: [
        PlatformModule.forRoot({
          config,
          configClass,
          logger,
          registry,
          mapper,
          clock: options.clock,
        }),
        options.module,
      ],
    },
    new FastifyAdapter({
      frameworkErrors: answerFrameworkError,
      routerOptions: { maxParamLength: MAX_PATH_PARAMETER_LENGTH },
      bodyLimit: MAX_BODY_BYTES,
    }),
    { logger, abortOnError: false, bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  installJsonBodyParser(fastify);
  installRequestHooks(fastify, logger, app.get(HttpMetrics));
  if (!servesApi(config)) serveWorkerPathsOnly(fastify);
  if (!runsBackgroundWork(config)) holdBackgroundWork(app);
  app.useGlobalGuards(app.get(AccessGuard));
  app.useGlobalFilters(new ProblemDetailsFilter(mapper, logger));
  if (config.CORS_ORIGINS !== undefined) app.enableCors({ origin: config.CORS_ORIGINS });
  // process.exit rather than re-raising the signal, so that the 'exit' event flushes pending log lines.
  if (options.shutdownHooks !== false) app.enableShutdownHooks([], { useProcessExit: true });
  if (servesApi(config)) setupOpenApi(app, options.serviceName, options.version ?? '1.0', mapper);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Attaches and starts the service's message consumers, if it has any and its role runs them. */
export async function startMicroservices<C extends PlatformConfig>(
  app: NestFastifyApplication,
  options: ServiceOptions<C>,
): Promise<void> {
  if (options.connectMicroservices === undefined || !runsBackgroundWork(app.get(PlatformConfig))) {
    return;
  }
  options.connectMicroservices(app);
  await app.startAllMicroservices();
}

function reportStartupFailure(serviceName: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service: serviceName, msg: `startup failed: ${message}` })}\n`,
  );
}

/**
 * Creates the service, listens on `PORT`/`HOST` (or the given defaults), then
 * starts its message consumers.
 */
export async function bootstrapService<C extends PlatformConfig>(
  options: ServiceOptions<C>,
): Promise<NestFastifyApplication> {
  stopWhenParentExits();
  let app: NestFastifyApplication;
  try {
    app = await createServiceApp(options);
  } catch (error) {
    reportStartupFailure(options.serviceName, error);
    throw error;
  }
  const config = app.get(PlatformConfig);
  const port = config.PORT ?? options.port ?? 3000;
  const host = config.HOST ?? options.host ?? '127.0.0.1';
  await app.listen(port, host);
  app
    .get(JsonLogger)
    .log(
      `${options.serviceName} listening on ${await app.getUrl()} (${ROLE_SERVES[config.ROLE]})`,
      'Bootstrap',
    );
  try {
    await startMicroservices(app, options);
  } catch (error) {
    reportStartupFailure(options.serviceName, error);
    await app.close();
    throw error;
  }
  return app;
}
