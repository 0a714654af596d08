import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import type { ReadinessReport } from './readiness-check';
import { ReadinessRegistry } from './readiness.registry';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** 200 when every registered check passes, 503 otherwise; each check's status either way. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await this.readiness.report();
    void reply.status(report.status === 'up' ? 200 : 503);
    return report;
  }
}
