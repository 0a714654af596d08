import { Clock } from '../clock/clock';
import { type DynamicModule, type InjectionToken, Module, type Provider } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Registry } from 'prom-client';
import { AccessPolicies } from '../auth/access-policy';
import { AccessGuard } from '../auth/access.guard';
import { TokenVerifier } from '../auth/token-verifier';
import { PlatformConfig } from '../config/platform.config';
import { HealthController } from '../health/health.controller';
import { ReadinessRegistry } from '../health/readiness.registry';
import { JsonLogger } from '../logging/json-logger';
import { HttpMetrics } from '../metrics/http-metrics';
import { MetricsController } from '../metrics/metrics.controller';
import { ProblemMapper } from '../problems/problem-mapping';

export interface PlatformContext {
  readonly config: PlatformConfig;
  /** The service's own config class, also injectable by that class and each class it extends. */
  readonly configClass: abstract new () => PlatformConfig;
  readonly logger: JsonLogger;
  readonly registry: Registry;
  readonly mapper: ProblemMapper;
  /** The clock to inject; by default the wall clock, `CLOCK_SHIFT_SECONDS` ahead. */
  readonly clock?: Clock;
}

/**
 * The platform's providers, global so every module of the service (and every
 * library module it imports) can inject `PlatformConfig`, `JsonLogger`,
 * prom-client's `Registry`, `ReadinessRegistry` and the `Clock`.
 */
@Module({})
export class PlatformModule {
  static forRoot(context: PlatformContext): DynamicModule {
    const shared: InjectionToken[] = [
      PlatformConfig,
      JsonLogger,
      Registry,
      ReadinessRegistry,
      ProblemMapper,
      Clock,
    ];
    const providers: Provider[] = [
      { provide: PlatformConfig, useValue: context.config },
      { provide: JsonLogger, useValue: context.logger },
      { provide: Registry, useValue: context.registry },
      { provide: ProblemMapper, useValue: context.mapper },
      ReadinessRegistry,
      {
        provide: Clock,
        useValue: context.clock ?? new Clock((context.config.CLOCK_SHIFT_SECONDS ?? 0) * 1000),
      },
      { provide: HttpMetrics, useFactory: (r: Registry) => new HttpMetrics(r), inject: [Registry] },
      {
        provide: TokenVerifier,
        useFactory: (c: PlatformConfig, l: JsonLogger) => new TokenVerifier(c, l),
        inject: [PlatformConfig, JsonLogger],
      },
      {
        provide: AccessPolicies,
        useFactory: (r: Reflector) => new AccessPolicies(r),
        inject: [Reflector],
      },
      {
        provide: AccessGuard,
        useFactory: (p: AccessPolicies, v: TokenVerifier) => new AccessGuard(p, v),
        inject: [AccessPolicies, TokenVerifier],
      },
    ];
    // A service's config may extend a library's (ReadModelConfig); each class it extends injects it too.
    for (
      let configClass = context.configClass;
      configClass !== PlatformConfig;
      configClass = Object.getPrototypeOf(configClass) as PlatformContext['configClass']
    ) {
      providers.push({ provide: configClass, useValue: context.config });
      shared.push(configClass);
    }
    return {
      module: PlatformModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers,
      exports: shared,
    };
  }
}
