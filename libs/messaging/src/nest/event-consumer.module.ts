import { EventStoreDBClient } from '@eventstore/db-client';
import { EventSerializer } from '@hirestream/event-sourcing';
import { PersonalDataVault } from '@hirestream/personal-data';
import { JsonLogger, PlatformConfig } from '@hirestream/platform';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { Transport, type KafkaOptions } from '@nestjs/microservices';
import {
  IdempotentEventConsumer,
  type IdempotentEventConsumerOptions,
} from '../idempotent-event-consumer';
import { kafkaClientConfig } from '../kafka-client-config';
import { ProcessedEventLog } from '../processed-event-log';

/**
 * A service's Kafka consumption: an `IdempotentEventConsumer` for its consumer
 * group, to be used inside `@EventPattern(topic)` handlers, opening sealed
 * personal values with the service's `PersonalDataVault` (`ReadModelModule`
 * provides it). Start the transport with `connectEventConsumer` before
 * `app.startAllMicroservices()`.
 */
@Module({})
export class EventConsumerModule {
  static forGroup(
    consumerGroup: string,
    retries: Pick<IdempotentEventConsumerOptions, 'maxAttempts' | 'retryBackoffMs'> = {},
  ): DynamicModule {
    return {
      module: EventConsumerModule,
      providers: [
        {
          provide: IdempotentEventConsumer,
          useFactory: (
            client: EventStoreDBClient,
            serializer: EventSerializer,
            logger: JsonLogger,
            vault: PersonalDataVault | undefined,
          ) =>
            new IdempotentEventConsumer({
              consumerGroup,
              ...retries,
              catalog: serializer.catalog,
              processed: new ProcessedEventLog(client, consumerGroup),
              vault,
              logger: {
                warn: (message, details) =>
                  logger.pino.warn({ context: 'EventConsumer', ...details }, message),
                error: (message, details) =>
                  logger.pino.error({ context: 'EventConsumer', ...details }, message),
              },
            }),
          inject: [
            EventStoreDBClient,
            EventSerializer,
            JsonLogger,
            { token: PersonalDataVault, optional: true },
          ],
        },
      ],
      exports: [IdempotentEventConsumer],
    };
  }
}

/**
 * Attaches NestJS's Kafka transport (ServerKafka over kafkajs, with the same
 * client settings as `KafkaModule`'s) for the group's `@EventPattern` handlers.
 */
export function connectEventConsumer(
  app: INestApplication,
  service: string,
  consumerGroup: string,
): void {
  const config = app.get(PlatformConfig);
  app.connectMicroservice<KafkaOptions>(
    {
      transport: Transport.KAFKA,
      options: {
        client: kafkaClientConfig(config, `hirestream-${service}-consumer`),
        consumer: { groupId: consumerGroup, allowAutoTopicCreation: true },
        subscribe: { fromBeginning: true },
        // Nest appends "-server" to the group id unless told the exact one is wanted.
        postfixId: '',
      },
    },
    { inheritAppConfig: true },
  );
}
