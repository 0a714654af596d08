import {
  jsonEvent,
  StreamNotFoundError,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import type { Checkpoints } from './catch-up-subscription';

const CHECKPOINT_EVENT_TYPE = 'CheckpointStored';

type StoredCheckpoint = { commit: string; prepare: string };

/**
 * A subscription's durable checkpoint, kept in EventStoreDB itself in the
 * stream `checkpoint-<name>`, whose metadata keeps only its last event.
 */
export class CheckpointStore implements Checkpoints {
  private readonly streamName: string;
  private metadataWritten = false;

  constructor(
    private readonly client: EventStoreDBClient,
    readonly subscriptionName: string,
  ) {
    this.streamName = `checkpoint-${subscriptionName}`;
  }

  async load(): Promise<Position | undefined> {
    let stored: StoredCheckpoint | undefined;
    try {
      // Read to the end rather than leave the loop early: the client keeps an
      // abandoned read open, and then `dispose()` never returns.
      for await (const resolved of this.client.readStream(this.streamName, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      })) {
        stored = resolved.event?.data as StoredCheckpoint | undefined;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return stored === undefined
      ? undefined
      : { commit: BigInt(stored.commit), prepare: BigInt(stored.prepare) };
  }

  async store(position: Position): Promise<void> {
    if (!this.metadataWritten) {
      await this.client.setStreamMetadata(this.streamName, { maxCount: 1 });
      this.metadataWritten = true;
    }
    const data: StoredCheckpoint = {
      commit: position.commit.toString(),
      prepare: position.prepare.toString(),
    };
    await this.client.appendToStream(
      this.streamName,
      jsonEvent({ type: CHECKPOINT_EVENT_TYPE, data }),
    );
  }
}
