import {
  ANCHOR_EVENT_TYPE,
  AUDIT_ANCHORS_TOPIC,
  cloudEventSource,
  type AnchorMessage,
} from '@hirestream/contracts';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { AUDIT_SERVICE } from '../service-states/service-urls';
import type { StoredAnchor } from './anchor-store';

export function anchorMessageOf(anchor: StoredAnchor): AnchorMessage {
  return {
    sequence: anchor.sequence.toString(),
    anchoredAt: anchor.anchoredAt,
    root: anchor.root,
    leafCount: anchor.leafCount,
    previousRoot: anchor.previousRoot,
    keyId: anchor.keyId,
    statement: anchor.statement,
    signature: anchor.signature,
  };
}

/**
 * Publishes anchors to `hirestream.audit.anchors` (one partition, so in
 * sequence order; created when missing), with an idempotent producer and
 * acks from every in-sync replica: a copy kept by Kafka, apart from the
 * audit service's PostgreSQL and from EventStoreDB.
 */
@Injectable()
export class AnchorPublisher implements OnApplicationShutdown {
  private producer: Producer | undefined;

  constructor(@Inject(Kafka) private readonly kafka: Kafka) {}

  async publish(anchors: readonly StoredAnchor[]): Promise<void> {
    if (anchors.length === 0) return;
    const producer = await this.connected();
    await producer.send({
      topic: AUDIT_ANCHORS_TOPIC,
      acks: -1,
      messages: anchors.map((anchor) => ({
        key: anchor.sequence.toString(),
        value: JSON.stringify(anchorMessageOf(anchor)),
        timestamp: String(Date.parse(anchor.anchoredAt)),
        headers: {
          ce_specversion: '1.0',
          ce_id: `${AUDIT_SERVICE}-anchor-${anchor.sequence}`,
          ce_source: cloudEventSource(AUDIT_SERVICE),
          ce_type: ANCHOR_EVENT_TYPE,
          ce_time: anchor.anchoredAt,
          'content-type': 'application/json',
        },
      })),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }

  private async connected(): Promise<Producer> {
    if (this.producer !== undefined) return this.producer;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      if (!(await admin.listTopics()).includes(AUDIT_ANCHORS_TOPIC)) {
        await admin.createTopics({
          topics: [{ topic: AUDIT_ANCHORS_TOPIC, numPartitions: 1 }],
          waitForLeaders: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    this.producer = producer;
    return producer;
  }
}
