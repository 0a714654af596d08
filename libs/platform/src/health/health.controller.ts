import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { oneOf } from '@hirestream/contracts';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import type { ReadinessReport } from './readiness-check';
import { ReadinessRegistry } from './readiness.registry';

const Liveness: TSchema = Type.Object(
  { status: oneOf(['up']) },
  { title: 'Liveness', additionalProperties: false },
);

const Readiness: TSchema = Type.Object(
  {
    status: oneOf(['up', 'down']),
    checks: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          status: oneOf(['up', 'down']),
          error: Type.Optional(Type.String()),
          ms: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'Readiness', additionalProperties: false },
);

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Get('live')
  @ApiOperation({ operationId: 'live', summary: 'The process is up and serving HTTP' })
  @ApiResponse({ status: 200, description: 'Up', schema: Liveness })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'ready',
    summary: "Every dependency's check: 200 when all pass, 503 otherwise",
  })
  @ApiResponse({ status: 200, description: 'Ready', schema: Readiness })
  @ApiResponse({ status: 503, description: 'Not ready: a check failed', schema: Readiness })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    void reply.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
