import type { AnchoredHead } from '@hirestream/event-sourcing';
import { CommandError } from '../command-error';
import type { AuditClient } from './audit-client';

type StreamAnchor = Readonly<{
  sequence: string;
  head: Readonly<{ streamName: string; revision: string; hash: string | null }>;
}>;

/** Whether streams were compared with their anchored heads, and why not. */
export type AnchorsUse =
  Readonly<{ checked: true; url: string }> | Readonly<{ checked: false; reason: string }>;

/**
 * Each stream's latest anchored head, from the audit service
 * (`GET /streams/:streamName/anchor`). The first failure to reach or use the
 * service (not a 404: a stream anchored by none yet) ends the asking: the
 * chains are then verified without anchors, and `use` says why.
 */
export class ChainAnchors {
  private failure: string | undefined;

  private constructor(
    private readonly client: AuditClient | undefined,
    reason: string | undefined,
  ) {
    this.failure = reason;
  }

  static skipped(): ChainAnchors {
    return new ChainAnchors(undefined, 'skipped (--no-anchors)');
  }

  static from(client: AuditClient): ChainAnchors {
    return new ChainAnchors(client, undefined);
  }

  /** The audit service could not be asked at all (no token, …). */
  static unavailable(reason: string): ChainAnchors {
    return new ChainAnchors(undefined, reason);
  }

  get use(): AnchorsUse {
    return this.failure === undefined && this.client !== undefined
      ? { checked: true, url: this.client.url }
      : { checked: false, reason: this.failure ?? 'not asked' };
  }

  async headOf(streamName: string): Promise<AnchoredHead | undefined> {
    if (this.client === undefined || this.failure !== undefined) return undefined;
    try {
      const anchor = await this.client.optionalJson<StreamAnchor>(
        `streams/${encodeURIComponent(streamName)}/anchor`,
      );
      // A head anchored before the stream's chain started has no hash to compare.
      if (anchor === undefined || anchor.head.hash === null) return undefined;
      return { revision: BigInt(anchor.head.revision), hash: anchor.head.hash };
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      this.failure = `not checked: ${error.message}`;
      return undefined;
    }
  }
}
