import {
  JsonLogger,
  PlatformConfig,
  ReadinessRegistry,
  runsBackgroundWork,
} from '@hirestream/platform';
import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type LogEntry } from 'kafkajs';
import { kafkaClientConfig } from '../kafka-client-config';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

function kafkaLogCreator(logger: JsonLogger) {
  return () =>
    ({ level, log }: LogEntry): void => {
      const { message, ...details } = log;
      if (level === logLevel.ERROR) logger.pino.error({ context: 'kafka', ...details }, message);
      else if (level === logLevel.WARN) logger.pino.warn({ context: 'kafka', ...details }, message);
    };
}

/**
 * Keeps one admin connection for the readiness check, closed last at shutdown.
 * Only the background work talks to Kafka: an API process (`ROLE=api`) has no check.
 */
@Injectable()
class KafkaConnection implements OnApplicationShutdown {
  private admin: Admin | undefined;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    readiness: ReadinessRegistry,
    config: PlatformConfig,
  ) {
    if (runsBackgroundWork(config))
      readiness.register({ name: 'kafka', check: () => this.check() });
  }

  private async check(): Promise<void> {
    if (this.admin === undefined) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    await this.admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

/**
 * The kafkajs client of a service (KAFKA_BROKERS, with the TLS and SASL
 * settings of `kafkaClientConfig`), logging through the service's JSON logger.
 */
@Global()
@Module({})
export class KafkaModule {
  static forService(service: string) {
    return {
      module: KafkaModule,
      providers: [
        { provide: SERVICE_NAME, useValue: service },
        {
          provide: Kafka,
          useFactory: (config: PlatformConfig, logger: JsonLogger) =>
            new Kafka({
              ...kafkaClientConfig(config, `hirestream-${service}`),
              logLevel: logLevel.WARN,
              logCreator: kafkaLogCreator(logger),
            }),
          inject: [PlatformConfig, JsonLogger],
        },
        KafkaConnection,
      ],
      exports: [Kafka, SERVICE_NAME],
    };
  }
}
