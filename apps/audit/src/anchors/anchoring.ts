import {
  anchorStatement,
  ed25519Signature,
  merkleRoot,
  type AnchoredLeaf,
} from '@hirestream/event-sourcing';
import { BackgroundWork, Clock, JsonLogger } from '@hirestream/platform';
import {
  DuePasses,
  lockKey,
  ReadModelDatabase,
  ReadModelUnavailableError,
  underAdvisoryLock,
} from '@hirestream/read-models';
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AuditConfig } from '../audit.config';
import { AnchorPublisher } from './anchor-publisher';
import { AnchorStore, type StoredAnchor } from './anchor-store';
import { ChainHeadsProjection } from './chain-heads.projection';
import { SigningKey } from './signing-key';

/** The most heads one anchor holds; more moved heads make several anchors in one pass. */
export const MAX_HEADS_PER_ANCHOR = 10_000;

/**
 * Every ANCHOR_INTERVAL_SECONDS (and at start), on one replica at a time:
 * signs an anchor over the chain heads that moved since the previous one
 * (the Merkle root over them, sorted by stream name, with Ed25519), stores it
 * with its heads, then publishes every anchor not published yet to Kafka.
 * A pass that fails (PostgreSQL or Kafka unreachable) is tried again at the
 * next; an anchor stored but not published is published then.
 */
@BackgroundWork()
@Injectable()
export class Anchoring implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly passes: DuePasses;
  private readonly lockKey: string;

  constructor(
    private readonly heads: ChainHeadsProjection,
    private readonly store: AnchorStore,
    private readonly publisher: AnchorPublisher,
    private readonly db: ReadModelDatabase,
    @Inject(SigningKey) private readonly key: SigningKey,
    clock: Clock,
    config: AuditConfig,
    logger: JsonLogger,
  ) {
    this.lockKey = lockKey(`hirestream:anchors:${db.schema}`);
    this.passes = new DuePasses({
      pollMs: config.ANCHOR_INTERVAL_SECONDS * 1000,
      clock,
      pass: async () => {
        try {
          await this.anchorMovedHeads();
          return undefined;
        } catch (error) {
          // The heads are not projected yet (a first start): look again in a second.
          if (error instanceof ReadModelUnavailableError) return clock.now() + 1_000;
          throw error;
        }
      },
      onFailure: (error) =>
        logger.pino.warn(
          { context: 'anchors', error: String(error) },
          'anchor pass failed; retried at the next',
        ),
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.passes.stop();
  }

  /**
   * One pass, if this replica holds the lock: anchors the heads moved since the
   * last anchor and publishes what is unpublished. Resolves with the anchors
   * signed. Tests call it.
   */
  async anchorMovedHeads(): Promise<StoredAnchor[]> {
    await this.store.ensureTables();
    const signed = await underAdvisoryLock(this.db, this.lockKey, async (client) => {
      const anchors: StoredAnchor[] = [];
      for (;;) {
        const previous = await this.store.latest(client);
        const moved = await this.heads.movedSince(previous?.throughPosition, MAX_HEADS_PER_ANCHOR);
        if (moved.length === 0) break;
        const leaves: AnchoredLeaf[] = moved
          .map(({ streamName, revision, hash }) => ({ streamName, revision, hash }))
          .sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0));
        const fields = {
          sequence: (previous?.sequence ?? 0n) + 1n,
          // The wall clock, as events' metadata has it (CLOCK_SHIFT_SECONDS moves decisions only).
          anchoredAt: new Date().toISOString(),
          root: merkleRoot(leaves),
          leafCount: leaves.length,
          previousRoot: previous?.root ?? null,
        };
        const statement = anchorStatement(fields);
        const anchor: StoredAnchor = {
          ...fields,
          ...this.key.publicKey,
          statement,
          signature: ed25519Signature(this.key.privateKey, Buffer.from(statement, 'utf8')),
          throughPosition: moved.at(-1)!.position,
          publishedAt: null,
        };
        await this.store.add(anchor, leaves, client);
        anchors.push(anchor);
        if (moved.length < MAX_HEADS_PER_ANCHOR) break;
      }
      const unpublished = await this.store.unpublished(client);
      await this.publisher.publish(unpublished);
      for (const anchor of unpublished) {
        await this.store.markPublished(client, anchor.sequence, new Date().toISOString());
      }
      return anchors;
    });
    return signed ?? [];
  }
}
