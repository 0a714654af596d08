import { Body, Controller, Get, Injectable, Module, Param, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Writable } from 'node:stream';
import {
  CandidateScope,
  CurrentPrincipal,
  type Principal,
  type ProblemMapping,
  ReadinessRegistry,
  Roles,
  createServiceApp,
  JsonLogger,
  currentCorrelation,
  type DevelopmentTokenRequest,
  loadConfig,
  PlatformConfig,
  signDevelopmentToken,
} from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export class CommandRejectedError extends Error {}
export class StageChangeRejectedError extends CommandRejectedError {}

export const testProblemMappings: ProblemMapping[] = [
  { error: CommandRejectedError, status: 409, title: 'Command rejected' },
];

class ContactDto {
  @IsEmail()
  email!: string;

  @IsOptional()
  @IsString()
  phone?: string;
}

export class RegisterDto {
  @IsString()
  @MinLength(2)
  name!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact!: ContactDto;
}

export class ListQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Max(100)
  limit?: number;
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

  @Post()
  @Roles('recruiter', 'admin')
  register(@Body() body: RegisterDto, @CurrentPrincipal() principal: Principal): object {
    this.logger.log(`registering ${body.name}`, 'TestCandidatesController');
    return {
      registered: body.name,
      by: principal.subject,
      correlationId: currentCorrelation()?.correlationId,
    };
  }

  @Get()
  @Roles('recruiter', 'auditor')
  list(@Query() query: ListQuery): object {
    return { limit: query.limit ?? 20 };
  }

  @Get(':id')
  @Roles('recruiter', 'candidate')
  @CandidateScope('id')
  read(@Param('id') id: string, @CurrentPrincipal() principal: Principal): object {
    return { id, viewer: principal };
  }

  @Post(':id/stage')
  @Roles('recruiter')
  move(): never {
    throw new StageChangeRejectedError('screening must pass before interviews');
  }

  @Get(':id/crash')
  crash(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [TestCandidatesController], providers: [FakeDependency] })
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
