import {
  verifyAnchor,
  verifyAnchoredHeads,
  type AnchoredHead,
  type BundledAnchor,
  type HeadInAnchor,
  type SignedAnchor,
} from '@hirestream/event-sourcing';
import { CommandError } from '../command-error';
import type { AuditClient } from './audit-client';

// What the audit service answers: GET /anchors/public-key, GET /anchors/heads.
type PublicKey = Readonly<{ keyId: string }>;
type HeadsPage = Readonly<{
  anchors: readonly SignedAnchor[];
  heads: readonly (HeadInAnchor & Readonly<{ sequence: string }>)[];
  next: string | null;
}>;

const HEADS_PAGE = 5_000;

/** The page's heads by their anchor's sequence, in order. */
function bySequence(heads: HeadsPage['heads']): Map<string, HeadsPage['heads'][number][]> {
  const groups = new Map<string, HeadsPage['heads'][number][]>();
  for (const head of heads) {
    const group = groups.get(head.sequence);
    if (group === undefined) groups.set(head.sequence, [head]);
    else group.push(head);
  }
  return groups;
}

/** Whether streams were compared with their anchored heads (signed by which keys), and why not. */
export type AnchorsUse =
  | Readonly<{ checked: true; url: string; trustedKeyIds: readonly string[] }>
  | Readonly<{ checked: false; reason: string }>;

/** An anchored head that did not verify, so nothing was compared with it. */
export type DistrustedAnchor = Readonly<{
  streamName: string;
  sequence: string;
  problems: readonly string[];
}>;

/**
 * Streams' latest anchored heads, from the audit service (`GET
 * /streams/:streamName/anchor`, or every one through `GET /anchors/heads`),
 * each trusted only once `verifyAnchor` holds: the anchor's statement and its
 * Ed25519 signature by a trusted key (those given, else the service's own,
 * `GET /anchors/public-key`) and the head's Merkle proof to the signed root.
 * One that does not is kept in `distrusted`. The first failure to reach or use
 * the service (not a 404: a stream anchored by none yet) ends the asking: the
 * chains are then verified without anchors, and `use` says why.
 */
export class ChainAnchors {
  readonly distrusted: DistrustedAnchor[] = [];
  private failure: string | undefined;
  private trustedKeyIds: readonly string[] | undefined;

  private constructor(
    private readonly client: AuditClient | undefined,
    reason: string | undefined,
    trustedKeyIds?: readonly string[],
  ) {
    this.failure = reason;
    this.trustedKeyIds = trustedKeyIds;
  }

  static skipped(): ChainAnchors {
    return new ChainAnchors(undefined, 'skipped (--no-anchors)');
  }

  /** Anchors signed by `trustedKeyIds`, or by the service's own key when none are given. */
  static from(client: AuditClient, trustedKeyIds?: readonly string[]): ChainAnchors {
    return new ChainAnchors(client, undefined, trustedKeyIds);
  }

  /** The audit service could not be asked at all (no token, …). */
  static unavailable(reason: string): ChainAnchors {
    return new ChainAnchors(undefined, reason);
  }

  get use(): AnchorsUse {
    return this.failure === undefined && this.client !== undefined
      ? { checked: true, url: this.client.url, trustedKeyIds: this.trustedKeyIds ?? [] }
      : { checked: false, reason: this.failure ?? 'not asked' };
  }

  /** The stream's latest anchored head once verified; undefined when none is, or it does not verify. */
  async headOf(streamName: string): Promise<AnchoredHead | undefined> {
    return this.asking(undefined, async (client, trustedKeyIds) => {
      const anchor = await client.optionalJson<BundledAnchor>(
        `streams/${encodeURIComponent(streamName)}/anchor`,
      );
      if (anchor === undefined) return undefined;
      const verification = verifyAnchor(anchor, { trustedKeyIds });
      if (!verification.trusted) {
        this.distrusted.push({
          streamName,
          sequence: anchor.sequence,
          problems: verification.problems,
        });
        return undefined;
      }
      return { revision: BigInt(anchor.head.revision), hash: anchor.head.hash };
    });
  }

  /**
   * Every stream's latest anchored head that verifies, by stream name (empty when the
   * service could not be asked); `onPage` gets the count so far.
   */
  async allHeads(onPage?: (heads: number) => void): Promise<Map<string, AnchoredHead>> {
    return this.asking(new Map<string, AnchoredHead>(), async (client, trustedKeyIds) => {
      const heads = new Map<string, AnchoredHead>();
      let after: string | null = null;
      do {
        const query = new URLSearchParams({ limit: String(HEADS_PAGE) });
        if (after !== null) query.set('after', after);
        const page: HeadsPage = await client.json<HeadsPage>(`anchors/heads?${query}`);
        for (const [sequence, inAnchor] of bySequence(page.heads)) {
          const anchor = page.anchors.find((signed) => signed.sequence === sequence);
          const verifications =
            anchor === undefined
              ? undefined
              : verifyAnchoredHeads(anchor, inAnchor, { trustedKeyIds });
          inAnchor.forEach(({ head }, i) => {
            const problems = verifications?.[i].problems ?? [
              `the page holds no anchor ${sequence}`,
            ];
            // A stream anchored again while the pages are read shows again, later: its latest counts.
            heads.delete(head.streamName);
            if (problems.length > 0) {
              this.distrusted.push({ streamName: head.streamName, sequence, problems });
            } else {
              heads.set(head.streamName, { revision: BigInt(head.revision), hash: head.hash });
            }
          });
        }
        onPage?.(heads.size);
        after = page.next;
      } while (after !== null);
      return heads;
    });
  }

  /** `ask` with the client and the trusted key ids; `otherwise` when the service cannot be used. */
  private async asking<T>(
    otherwise: T,
    ask: (client: AuditClient, trustedKeyIds: readonly string[]) => Promise<T>,
  ): Promise<T> {
    const client = this.client;
    if (client === undefined || this.failure !== undefined) return otherwise;
    try {
      this.trustedKeyIds ??= [(await client.json<PublicKey>('anchors/public-key')).keyId];
      return await ask(client, this.trustedKeyIds);
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      this.failure = `not checked: ${error.message}`;
      return otherwise;
    }
  }
}
