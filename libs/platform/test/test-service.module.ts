import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { emailAddress, singleLineText } from '@hirestream/contracts';
import { Writable } from 'node:stream';
import {
  CommandRoute,
  CurrentPrincipal,
  type Principal,
  type ProblemMapping,
  QueryRoute,
  ReadinessRegistry,
  createServiceApp,
  JsonLogger,
  currentCorrelation,
  type DevelopmentTokenRequest,
  loadConfig,
  PlatformConfig,
  signDevelopmentToken,
  ValidBody,
  ValidParams,
  ValidQuery,
  IDEMPOTENCY_STORE,
  type IdempotencyReservation,
  type IdempotencyStore,
  type StoredResponse,
} from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export class CommandRejectedError extends Error {}
export class StageChangeRejectedError extends CommandRejectedError {}

export const testProblemMappings: ProblemMapping[] = [
  { error: CommandRejectedError, status: 409, title: 'Command rejected' },
];

const RegisterBody = Type.Object(
  {
    name: singleLineText(100, { minLength: 2 }),
    contact: Type.Object(
      { email: emailAddress(), phone: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
type RegisterBody = Static<typeof RegisterBody>;

const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ maximum: 100 })) },
  { additionalProperties: false },
);
type ListQuery = Static<typeof ListQuery>;

const IdParams = Type.Object({ id: Type.String() }, { additionalProperties: false });
type IdParams = Static<typeof IdParams>;

const AnyBody = Type.Object({}, { additionalProperties: true });

/** Idempotency-Key records in memory: the platform's routes need a store, these tests none that lasts. */
class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyReservation>();

  async reserve(scopedKey: string, fingerprint: string): Promise<IdempotencyReservation> {
    const known = this.records.get(scopedKey);
    if (known !== undefined) return known;
    this.records.set(scopedKey, { outcome: 'in-progress', fingerprint });
    return { outcome: 'reserved' };
  }

  async complete(scopedKey: string, response: StoredResponse): Promise<void> {
    const known = this.records.get(scopedKey);
    if (known !== undefined && known.outcome !== 'reserved') {
      this.records.set(scopedKey, {
        outcome: 'completed',
        fingerprint: known.fingerprint,
        response,
      });
    }
  }

  async release(scopedKey: string): Promise<void> {
    this.records.delete(scopedKey);
  }
}

/** Whether the fake dependency is reachable; tests flip it. */
@Injectable()
export class FakeDependency {
  healthy = true;

  constructor(readiness: ReadinessRegistry) {
    readiness.register({
      name: 'fake-store',
      check: async () => {
        if (!this.healthy) throw new Error('connection refused');
      },
    });
  }
}

@Controller('candidates')
export class TestCandidatesController {
  constructor(private readonly logger: JsonLogger) {}

  @CommandRoute({
    path: '',
    operationId: 'register',
    summary: 'Register',
    roles: ['recruiter', 'admin'],
    creates: true,
    response: AnyBody,
  })
  register(
    @ValidBody(RegisterBody) body: RegisterBody,
    @CurrentPrincipal() principal: Principal,
  ): object {
    this.logger.log(`registering ${body.name}`, 'TestCandidatesController');
    return {
      registered: body.name,
      by: principal.subject,
      correlationId: currentCorrelation()?.correlationId,
    };
  }

  @QueryRoute({
    path: '',
    operationId: 'list',
    summary: 'List',
    roles: ['recruiter', 'auditor'],
    response: AnyBody,
  })
  list(@ValidQuery(ListQuery) query: ListQuery): object {
    return { limit: query.limit ?? 20 };
  }

  @QueryRoute({
    path: ':id',
    operationId: 'read',
    summary: 'Read',
    roles: ['recruiter', 'candidate'],
    candidateScope: 'id',
    response: AnyBody,
  })
  read(@ValidParams(IdParams) { id }: IdParams, @CurrentPrincipal() principal: Principal): object {
    return { id, viewer: principal };
  }

  @CommandRoute({
    path: ':id/stage',
    operationId: 'move',
    summary: 'Move',
    roles: ['recruiter'],
    response: AnyBody,
    problems: [409],
  })
  move(): never {
    throw new StageChangeRejectedError('screening must pass before interviews');
  }

  @Get(':id/crash')
  crash(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({
  controllers: [TestCandidatesController],
  providers: [FakeDependency, { provide: IDEMPOTENCY_STORE, useClass: InMemoryIdempotencyStore }],
})
export class TestServiceModule {}

/** Collects JSON log lines in memory instead of stdout. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    for (const line of chunk.toString().split('\n')) {
      if (line !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    callback();
  }
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json(): Record<string, unknown> & { errors?: Record<string, unknown>[] };
}

export interface TestRequest {
  readonly method?: string;
  readonly token?: string;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is, with a JSON content type. */
  readonly body?: object | string;
}

/** The test service's environment unless a test says otherwise. */
const testServiceEnv = { LOG_LEVEL: 'info', AUTH_MODE: 'development' };

/** The test service listening on an ephemeral port, called over real HTTP. */
export interface TestService {
  readonly app: NestFastifyApplication;
  readonly logs: LogCapture;
  request(path: string, options?: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

/** `env` adds to (or, with undefined, removes from) the defaults: LOG_LEVEL=info, AUTH_MODE=development. */
export async function startTestService(
  env: Record<string, string | undefined> = {},
): Promise<TestService> {
  const logs = new LogCapture();
  const app = await createServiceApp({
    serviceName: 'test-service',
    module: TestServiceModule,
    problemMappings: testProblemMappings,
    env: { ...testServiceEnv, ...env },
    logDestination: logs,
    shutdownHooks: false,
  });
  await app.listen(0, '127.0.0.1');
  const base = await app.getUrl();
  return {
    app,
    logs,
    async request(path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(base + path, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        body: typeof options.body === 'object' ? JSON.stringify(options.body) : options.body,
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        text,
        json: () => JSON.parse(text),
      };
    },
    close: () => app.close(),
  };
}

const developmentConfig = loadConfig(PlatformConfig, testServiceEnv);

/** A token the test service accepts in its default (development) auth mode. */
export function devToken(request: DevelopmentTokenRequest): Promise<string> {
  return signDevelopmentToken(request, developmentConfig);
}

export interface TestContext {
  service: TestService;
  recruiterToken: string;
}

/** Starts the test service before the suite's tests and closes it after them. */
export function useTestService(): TestContext {
  const context = {} as TestContext;
  beforeAll(async () => {
    context.service = await startTestService();
    context.recruiterToken = await devToken({ subject: 'rita', roles: ['recruiter'] });
  });
  afterAll(() => context.service.close());
  return context;
}
