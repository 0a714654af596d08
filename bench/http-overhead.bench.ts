import { identifier } from '@hirestream/contracts';
import { Controller, Get, Module, Param, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type, type Static } from '@sinclair/typebox';
import Fastify from 'fastify';
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { driveConnection } from './support/keep-alive-load';
import { childCpuMicros, readyPort, reportReady } from './support/served-child';
import {
  bootstrapService,
  loadConfig,
  PlatformConfig,
  QueryRoute,
  signDevelopmentToken,
  ValidParams,
  ValidQuery,
} from '@hirestream/platform';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';

// Requests/s of a no-I/O route through the whole platform stack (access guard
// with a dev token and a role, problem filter, correlation context, request log
// line, metrics) next to the same route on bare Fastify and on bare NestJS, plus
// the platform route validating its path parameters and query against schemas,
// as services declare them (ValidParams, ValidQuery). Each server runs in a child
// process and is measured in alternating rounds by one keep-alive client here.

const SERVE_FLAG = '--serve';
const CONNECTIONS = 32;
const WARMUP_MS = 1_500;
const MEASURE_MS = 4_000;
const ROUNDS = 3;
/** Of the platform route with validated parameters, by requests/s. */
const TARGET_RATIO = 0.4;
const QUERY = '?limit=10&verbose=true';

type ServerKind = 'fastify' | 'nest-bare' | 'nest';

interface Target {
  readonly label: string;
  readonly server: ServerKind;
  readonly path: string;
}

const TARGETS: readonly Target[] = [
  { label: 'bare Fastify', server: 'fastify', path: `/bench/items/42${QUERY}` },
  { label: 'bare NestJS', server: 'nest-bare', path: `/bench/items/42${QUERY}` },
  { label: 'platform', server: 'nest', path: `/bench/items/42${QUERY}` },
  { label: 'platform + DTO', server: 'nest', path: `/bench/validated/42${QUERY}` },
];

const ItemParams = Type.Object({ id: identifier() }, { additionalProperties: false });
type ItemParams = Static<typeof ItemParams>;

const ItemQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    verbose: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
type ItemQuery = Static<typeof ItemQuery>;

const ItemView = Type.Object(
  { id: Type.String(), limit: Type.Integer(), verbose: Type.Boolean() },
  { additionalProperties: false },
);
type ItemView = Static<typeof ItemView>;

/** The route on NestJS with none of the platform: what the framework itself costs. */
@Controller('bench')
class BareBenchController {
  @Get('items/:id')
  item(
    @Param('id') id: string,
    @Query('limit') limit?: string,
    @Query('verbose') verbose?: string,
  ): ItemView {
    return { id, limit: limit === undefined ? 20 : Number(limit), verbose: verbose === 'true' };
  }
}

@Module({ controllers: [BareBenchController] })
class BareBenchModule {}

/** The same route as services declare theirs, with raw parameters and with validated ones. */
@Controller('bench')
class BenchController extends BareBenchController {
  @QueryRoute({
    path: 'items/:id',
    operationId: 'benchItem',
    summary: 'An item, from raw parameters',
    roles: ['recruiter'],
    response: ItemView,
  })
  override item(
    @Param('id') id: string,
    @Query('limit') limit?: string,
    @Query('verbose') verbose?: string,
  ): ItemView {
    return super.item(id, limit, verbose);
  }

  @QueryRoute({
    path: 'validated/:id',
    operationId: 'benchValidatedItem',
    summary: 'An item, from validated parameters',
    roles: ['recruiter'],
    response: ItemView,
  })
  validated(
    @ValidParams(ItemParams) { id }: ItemParams,
    @ValidQuery(ItemQuery) query: ItemQuery,
  ): ItemView {
    return { id, limit: query.limit, verbose: query.verbose };
  }
}

@Module({ controllers: [BenchController] })
class BenchModule {}

async function serve(kind: ServerKind): Promise<void> {
  let port: number;
  if (kind === 'nest') {
    const app = await bootstrapService({
      serviceName: 'bench',
      module: BenchModule,
      port: 0,
      env: { LOG_LEVEL: 'info', AUTH_MODE: 'development' },
      shutdownHooks: false,
    });
    port = Number(new URL(await app.getUrl()).port);
  } else if (kind === 'nest-bare') {
    const app = await NestFactory.create<NestFastifyApplication>(
      BareBenchModule,
      new FastifyAdapter(),
      {
        logger: false,
      },
    );
    await app.listen(0, '127.0.0.1');
    port = Number(new URL(await app.getUrl()).port);
  } else {
    const fastify = Fastify();
    fastify.get<{ Params: { id: string }; Querystring: { limit?: string; verbose?: string } }>(
      '/bench/items/:id',
      async (request) => ({
        id: request.params.id,
        limit: request.query.limit === undefined ? 20 : Number(request.query.limit),
        verbose: request.query.verbose === 'true',
      }),
    );
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const address = fastify.server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  }
  reportReady(port);
}

interface RoundResult {
  readonly requestsPerSecond: number;
  readonly cpuMicrosPerRequest: number;
  readonly failed: number;
}

async function measure(child: ChildProcess, port: number, request: Buffer): Promise<RoundResult> {
  const counters = { ok: 0, failed: 0 };
  const sockets = Array.from({ length: CONNECTIONS }, () =>
    driveConnection(port, request, counters),
  );
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const before = { ok: counters.ok, cpu: await childCpuMicros(child), at: performance.now() };
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const after = { ok: counters.ok, cpu: await childCpuMicros(child), at: performance.now() };
  for (const socket of sockets) socket.destroy();
  const requests = after.ok - before.ok;
  return {
    requestsPerSecond: requests / ((after.at - before.at) / 1000),
    cpuMicrosPerRequest: (after.cpu - before.cpu) / requests,
    failed: counters.failed,
  };
}

async function startServer(kind: ServerKind): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, [SERVE_FLAG, kind], {
    execArgv: [...TYPESCRIPT_NODE_ARGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return { child, port: await readyPort(child) };
}

async function main(): Promise<void> {
  const token = await signDevelopmentToken(
    { subject: 'bench', roles: ['recruiter'] },
    loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
  );
  const requestFor = (path: string): Buffer =>
    Buffer.from(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nX-Correlation-Id: bench-run\r\n\r\n`,
    );
  const kinds: readonly ServerKind[] = ['fastify', 'nest-bare', 'nest'];
  const servers = Object.fromEntries(
    await Promise.all(kinds.map(async (kind) => [kind, await startServer(kind)] as const)),
  ) as Record<ServerKind, { child: ChildProcess; port: number }>;
  const results = TARGETS.map(() => [] as RoundResult[]);
  const loadBefore = loadavg()[0];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, target] of TARGETS.entries()) {
        const { child, port } = servers[target.server];
        results[index]?.push(await measure(child, port, requestFor(target.path)));
      }
    }
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }

  const median = (values: number[]): number =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const summaries = results.map((rounds) => ({
    rps: median(rounds.map((r) => r.requestsPerSecond)),
    cpu: median(rounds.map((r) => r.cpuMicrosPerRequest)),
    failed: rounds.reduce((sum, r) => sum + r.failed, 0),
  }));
  const fastifyRps = summaries[0]?.rps ?? 0;
  const fastifyCpu = summaries[0]?.cpu ?? 0;
  console.log(
    `GET /bench/…/42${QUERY}, ${CONNECTIONS} keep-alive connections, median of ${ROUNDS} rounds of ${MEASURE_MS / 1000}s, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
  );
  for (const [index, s] of summaries.entries()) {
    const label = TARGETS[index]?.label ?? '';
    console.log(
      `${label.padEnd(15)} ${Math.round(s.rps).toString().padStart(7)} req/s  ${s.cpu.toFixed(1).padStart(6)} µs server CPU/req  ${((s.rps / fastifyRps) * 100).toFixed(1).padStart(5)}% of bare Fastify  (by CPU/req: ${((fastifyCpu / s.cpu) * 100).toFixed(1).padStart(5)}%)  (non-200: ${s.failed})`,
    );
  }
  // The client shares the machine's cores with the server, so on a busy machine requests/s also
  // follow the client's share; server CPU per request is the steadier comparison.
  const validated = summaries[TARGETS.findIndex((target) => target.label === 'platform + DTO')];
  const validatedRatio = (validated?.rps ?? 0) / fastifyRps;
  console.log(
    `target: platform + DTO ≥ ${TARGET_RATIO * 100}% of bare Fastify: ${validatedRatio >= TARGET_RATIO ? 'met' : 'NOT met'}`,
  );
  if (summaries.some((s) => s.failed > 0)) process.exitCode = 1;
}

const serveIndex = process.argv.indexOf(SERVE_FLAG);
if (serveIndex !== -1) {
  void serve(process.argv[serveIndex + 1] as ServerKind);
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
