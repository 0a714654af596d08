import { setTimeout as sleep } from 'node:timers/promises';
import type { PoolClient } from 'pg';
import type { ReadModelDatabase } from '../database/read-model-database';
import { PROJECTION_CHANNEL } from './projection-builds';

type Listener = (projection: string, version: number, generation: number, news: string) => void;

/**
 * One LISTEN connection per service, telling its projection hosts what the
 * runners (in this replica or another) committed and when a build went live.
 * Reconnects when the connection drops; notifications are only a shortcut
 * (hosts also read the checkpoint when they must know).
 */
export class ProjectionWatch {
  private readonly listeners = new Set<Listener>();
  private client: PoolClient | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;

  constructor(private readonly db: ReadModelDatabase) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.running ??= this.listen();
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.client?.release(true);
    await this.running;
  }

  private async listen(): Promise<void> {
    while (!this.stopping) {
      try {
        const client = await this.db.dedicatedClient();
        this.client = client;
        const closed = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        client.on('notification', ({ payload }) => this.dispatch(payload ?? ''));
        await client.query(`listen ${PROJECTION_CHANNEL}`);
        await closed;
      } catch {
        // The store is unreachable: try again in a moment.
      }
      this.client = undefined;
      if (!this.stopping) await sleep(1_000);
    }
  }

  private dispatch(payload: string): void {
    const [schema, projection, version, generation, news] = payload.split(':');
    if (schema !== this.db.schema || news === undefined) return;
    for (const listener of this.listeners) {
      listener(projection, Number(version), Number(generation), news);
    }
  }
}
