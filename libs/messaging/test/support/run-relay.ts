import { EventStoreDBClient } from '@eventstore/db-client';
import { hirestreamEventCatalog } from '@hirestream/contracts';
import { EventSerializer } from '@hirestream/event-sourcing';
import { Kafka, logLevel } from 'kafkajs';
import { EventRelay } from '../../src';

// The candidates relay alone, in its own process, so a test can SIGKILL it mid-stream.
const client = EventStoreDBClient.connectionString`${process.env.EVENTSTORE_CONNECTION_STRING ?? ''}`;
const relay = new EventRelay({
  service: 'candidates',
  eventStore: client,
  serializer: new EventSerializer(hirestreamEventCatalog),
  kafka: new Kafka({ brokers: [process.env.KAFKA_BROKERS ?? ''], logLevel: logLevel.NOTHING }),
});
void relay.start().then(() => console.log('relay started'));
