import {
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
} from '@hirestream/embedded-screening-provider';
import { Clock, webhookSignatureProblem } from '@hirestream/platform';
import {
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BackgroundChecksConfig } from '../background-checks.config';

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? undefined : value;

/**
 * Admits a webhook only with the provider's signature over its timestamp and
 * raw body, the timestamp within the tolerance of the service's clock: 401
 * otherwise, before the body is validated or anything read.
 */
@Injectable()
export class ScreeningSignatureGuard implements CanActivate {
  constructor(
    private readonly config: BackgroundChecksConfig,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const problem = webhookSignatureProblem(
      {
        timestamp: single(request.headers[SIGNATURE_TIMESTAMP_HEADER]),
        signature: single(request.headers[SIGNATURE_HEADER]),
        rawBody: request.rawBody ?? '',
      },
      {
        secret: this.config.SCREENING_PROVIDER_WEBHOOK_SECRET,
        toleranceSeconds: this.config.SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS,
        nowMs: this.clock.now(),
      },
    );
    if (problem !== undefined) throw new UnauthorizedException(problem);
    return true;
  }
}
