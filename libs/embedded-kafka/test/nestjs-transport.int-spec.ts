import { Controller, INestMicroservice } from '@nestjs/common';
import { ClientKafka, EventPattern, Payload, ServerKafka } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { KafkaBroker, startKafkaBroker } from '@hirestream/embedded-kafka';
import { logLevel } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir';
import { waitUntil } from './wait-until';

const TOPIC = 'hiring.candidate-registered';

@Controller()
class CandidateEventsController {
  static readonly received: unknown[] = [];

  @EventPattern(TOPIC)
  onCandidateRegistered(@Payload() event: unknown): void {
    CandidateEventsController.received.push(event);
  }
}

describe('NestJS Kafka transport over the embedded broker', () => {
  let dataDir: string;
  let broker: KafkaBroker;
  let app: INestMicroservice;
  let client: ClientKafka;

  beforeAll(async () => {
    dataDir = await makeTempDir('kafka-nest');
    broker = await startKafkaBroker({ port: 0, dataDir });
    const moduleRef = await Test.createTestingModule({
      controllers: [CandidateEventsController],
    }).compile();
    moduleRef.useLogger(false);
    app = moduleRef.createNestMicroservice({
      strategy: new ServerKafka({
        client: {
          clientId: 'nest-server',
          brokers: [broker.bootstrapAddress],
          logLevel: logLevel.NOTHING,
        },
        consumer: { groupId: 'nest-candidates', maxWaitTimeInMs: 200 },
        subscribe: { fromBeginning: true },
      }),
    });
    await app.listen();
    client = new ClientKafka({
      client: {
        clientId: 'nest-client',
        brokers: [broker.bootstrapAddress],
        logLevel: logLevel.NOTHING,
      },
      producerOnlyMode: true,
    });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await broker.close();
    await removeTempDir(dataDir);
  });

  it('delivers an emitted event to the @EventPattern handler', async () => {
    await lastValueFrom(
      client.emit(TOPIC, {
        key: 'candidate-7',
        value: { candidateId: 'candidate-7', name: 'Ada' },
      }),
    );
    await waitUntil(
      'the handler received the event',
      () => CandidateEventsController.received.length === 1,
    );
    expect(CandidateEventsController.received).toEqual([
      { candidateId: 'candidate-7', name: 'Ada' },
    ]);
  });
});
