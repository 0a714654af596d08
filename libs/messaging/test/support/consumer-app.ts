import { createServiceApp, type ServiceOptions } from '@hirestream/platform';
import { Controller, type Type } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  connectEventConsumer,
  consumedMessageOf,
  IdempotentEventConsumer,
  type IncomingEvent,
} from '../../src';
import {
  startEmbeddedServers,
  type EmbeddedServers,
} from '../../../../test/support/embedded-servers';

/** A service app consuming with its Kafka transport, on embedded servers of its own, and a producer to its broker. */
export type ConsumerApp = Readonly<{
  servers: EmbeddedServers;
  app: NestFastifyApplication;
  kafka: Kafka;
  producer: Producer;
}>;

/** A controller consuming `topic` through the app's `IdempotentEventConsumer`, handing each event to `handle`. */
export function consumingController(
  topic: string,
  handle: (event: IncomingEvent) => Promise<void>,
): Type {
  @Controller()
  class TopicConsumer {
    constructor(private readonly consumer: IdempotentEventConsumer) {}

    @EventPattern<string>(topic)
    async onEvent(@Ctx() context: KafkaContext): Promise<void> {
      await this.consumer.consume(consumedMessageOf(context), context.getProducer(), handle);
    }
  }
  return TopicConsumer;
}

/**
 * Starts embedded servers named `name`, a producer, and the app of `options`
 * (with the servers' environment and `options.env`) consuming as `group`.
 */
export async function startConsumerApp(
  name: string,
  group: string,
  options: Pick<ServiceOptions, 'serviceName' | 'module' | 'config' | 'env'>,
): Promise<ConsumerApp> {
  const servers = await startEmbeddedServers(name);
  const kafka = new Kafka({
    brokers: [servers.kafka.bootstrapAddress],
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  let app: NestFastifyApplication | undefined;
  try {
    await producer.connect();
    app = await createServiceApp({
      ...options,
      env: { ...servers.env, ...options.env },
      shutdownHooks: false,
    });
    connectEventConsumer(app, options.serviceName, group);
    await app.startAllMicroservices();
    return { servers, app, kafka, producer };
  } catch (error) {
    await app?.close();
    await producer.disconnect();
    await servers.stop();
    throw error;
  }
}

/** Stops what `startConsumerApp` started, app first. */
export async function stopConsumerApp(started: ConsumerApp | undefined): Promise<void> {
  await started?.app.close();
  await started?.producer.disconnect();
  await started?.servers.stop();
}
