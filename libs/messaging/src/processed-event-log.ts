import { jsonEvent, StreamNotFoundError, type EventStoreDBClient } from '@eventstore/db-client';

const PROCESSED_EVENT_TYPE = 'EventProcessed';

/**
 * The ids of the events a consumer group has already handled (and the Kafka
 * positions of the messages it refused), so that a redelivered event is
 * recognized and not applied twice. Kept durably in the
 * stream `processed-<group>`, whose metadata bounds it to the last `window`
 * ids: redeliveries come from uncommitted offsets and relay retries, which
 * are recent, so an old id never needs remembering.
 */
export class ProcessedEventLog {
  private readonly streamName: string;
  private readonly ids = new Set<string>();
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    consumerGroup: string,
    private readonly window = 10_000,
  ) {
    this.streamName = `processed-${consumerGroup}`;
  }

  async has(eventId: string): Promise<boolean> {
    await this.load();
    return this.ids.has(eventId);
  }

  async add(eventId: string): Promise<void> {
    await this.load();
    await this.client.appendToStream(
      this.streamName,
      jsonEvent({ type: PROCESSED_EVENT_TYPE, data: { eventId } }),
    );
    this.remember(eventId);
  }

  private load(): Promise<void> {
    this.loaded ??= this.readRecent().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  private async readRecent(): Promise<void> {
    await this.client.setStreamMetadata(this.streamName, { maxCount: this.window });
    const recent: string[] = [];
    try {
      for await (const resolved of this.client.readStream(this.streamName, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: this.window,
      })) {
        const data = resolved.event?.data as { eventId?: string } | undefined;
        if (typeof data?.eventId === 'string') recent.push(data.eventId);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    for (const id of recent.reverse()) this.remember(id);
  }

  private remember(eventId: string): void {
    this.ids.add(eventId);
    if (this.ids.size > this.window) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}
