import { eventHash, genesisHash, storedChainKey } from './chain-hash';
import type {
  AnchoredHead,
  ChainBreak,
  ChainBreakKind,
  ChainEvent,
  ChainHead,
  ChainReport,
} from './chain-report';

export type ChainVerificationOptions = Readonly<{
  /** The stream's last anchored head: without it a dropped tail cannot be told from an end. */
  anchoredHead?: AnchoredHead;
}>;

/** Chained events kept to recognise a link to an event further back. */
const RECENT_LINKS = 4;
/** Events looked through for a predecessor (or a revision) missing at its place, before it counts as gone. */
const LOOKAHEAD = 16;
/** How far from the revision it was hashed at an event of a rewritten stream is still recognised. */
const MAX_SHIFT = 16;

type Link = Readonly<{ revision: bigint; eventId: string; hash: string }>;

/**
 * An event that does not follow the one before it: whether it was moved (what it follows
 * comes later) or what it followed is gone is known only once the next events are seen.
 */
type Suspect = {
  readonly event: ChainEvent;
  readonly missing:
    | Readonly<{ kind: 'link'; hash: string; expected: string }>
    | Readonly<{ kind: 'gap'; from: bigint }>;
  looked: number;
};

/**
 * Verifies one stream's hash chain as its events go by, in order, with no I/O and
 * constant memory: `add` each stored event, then `finish` for the report. Events
 * without a hash before the first hashed one were written before the chain and are
 * counted, not broken; from the first hashed event on, each must name the hash of
 * the one before it (the first: the stream's genesis) and hash to its own `hash`.
 * Only the first break is reported.
 */
export class ChainVerifier {
  private readonly recent: Link[] = [];
  private events = 0;
  private checked = 0;
  private beforeChain: { count: number; firstRevision: bigint; lastRevision: bigint } | undefined;
  private head: ChainHead | undefined;
  private chainStart: bigint | undefined;
  private suspect: Suspect | undefined;
  private firstBreak: ChainBreak | undefined;
  private atAnchor: Readonly<{ eventId: string; hash: string | undefined }> | undefined;
  private genesisOfStream: string | undefined;

  constructor(
    readonly streamName: string,
    private readonly options: ChainVerificationOptions = {},
  ) {}

  add(event: ChainEvent): void {
    const hash = storedChainKey(event.metadata, 'hash');
    const previous = this.head;
    this.events += 1;
    this.head = { revision: event.revision, hash };
    if (event.revision === this.options.anchoredHead?.revision) {
      this.atAnchor = { eventId: event.id, hash };
    }
    if (this.firstBreak !== undefined) return;
    if (this.suspect !== undefined) {
      this.lookAhead(this.suspect, event, hash);
    } else if (this.chainStart === undefined && hash === undefined) {
      this.countBeforeChain(event.revision);
    } else {
      this.chainStart ??= event.revision;
      this.check(event, hash, previous);
    }
  }

  finish(): ChainReport {
    if (this.suspect !== undefined) this.settle(this.suspect);
    return {
      streamName: this.streamName,
      events: this.events,
      checked: this.checked,
      beforeChain: this.beforeChain === undefined ? undefined : { ...this.beforeChain },
      head: this.head,
      ...this.reportedBreak(),
    };
  }

  private check(
    event: ChainEvent,
    hash: string | undefined,
    previous: ChainHead | undefined,
  ): void {
    if (previous !== undefined && event.revision <= previous.revision) {
      return this.breakAt(
        event,
        'reordered',
        `revision ${event.revision} comes after revision ${previous.revision}`,
      );
    }
    if (previous !== undefined && event.revision > previous.revision + 1n) {
      this.suspect = { event, missing: { kind: 'gap', from: previous.revision + 1n }, looked: 0 };
      return;
    }
    // Stored without metadata (the raw client's default) is an event added, not one changed.
    if (event.metadata === undefined) {
      return this.breakAt(
        event,
        'inserted',
        `it has no metadata (so no hash), though the stream is chained from revision ${this.chainStart}`,
      );
    }
    if (typeof event.metadata !== 'object' || event.metadata === null) {
      return this.breakAt(event, 'altered', 'its metadata is not a JSON object');
    }
    const link = storedChainKey(event.metadata, 'previousHash');
    if (hash === undefined || link === undefined) {
      const missing = hash === undefined ? 'hash' : 'previousHash';
      return this.breakAt(
        event,
        'inserted',
        `it has no ${missing}, though the stream is chained from revision ${this.chainStart}`,
      );
    }
    const prior = this.recent.at(-1);
    const expected = prior?.hash ?? this.genesis();
    if (link === expected) {
      if (this.hashesAt(event, event.revision)) return this.accept(event, hash);
      if (prior === undefined && event.revision > 0n && this.hashesAt(event, 0n)) {
        return this.breakAt(
          event,
          'removed',
          `it was hashed as revision 0: the stream was deleted and written anew from revision ${event.revision}`,
        );
      }
      return this.breakAt(event, 'altered', 'its content no longer matches its hash');
    }
    const earlier = this.recent.findIndex((recent) => recent.hash === link);
    if (earlier >= 0) return this.linkedFurtherBack(event, earlier);
    if (prior !== undefined && link === this.genesis()) {
      return this.hashesAt(event, event.revision)
        ? this.breakAt(
            event,
            'removed',
            `it starts the chain again (its previousHash is the genesis) after revision ${prior.revision}`,
          )
        : this.breakAt(event, 'inserted', 'neither its hash nor its previousHash fits the chain');
    }
    this.suspect = { event, missing: { kind: 'link', hash: link, expected }, looked: 0 };
  }

  /** The event names an event before the one preceding it. */
  private linkedFurtherBack(event: ChainEvent, index: number): void {
    const named = this.recent[index];
    const pushedAside = this.recent[index + 1];
    if (storedChainKey(event.metadata, 'hash') === pushedAside.hash) {
      return this.breakAt(event, 'inserted', `it is a copy of revision ${pushedAside.revision}`);
    }
    if (!this.hashesAt(event, event.revision) && this.hashesAt(event, named.revision + 1n)) {
      return this.breakAt(
        { revision: pushedAside.revision, id: pushedAside.eventId },
        'inserted',
        `revisions ${pushedAside.revision}..${event.revision - 1n} were put before the event hashed as revision ${pushedAside.revision}, now at ${event.revision}`,
      );
    }
    if (this.hashesAt(event, event.revision)) {
      return this.breakAt(
        event,
        'removed',
        `its previousHash is the hash of revision ${named.revision}, not of revision ${event.revision - 1n}`,
      );
    }
    this.breakAt(event, 'inserted', 'neither its hash nor its previousHash fits the chain');
  }

  private lookAhead(suspect: Suspect, event: ChainEvent, hash: string | undefined): void {
    const { missing } = suspect;
    if (missing.kind === 'link' && hash === missing.hash) {
      this.suspect = undefined;
      return this.breakAt(
        suspect.event,
        'reordered',
        `it follows the event at revision ${event.revision}, which comes after it`,
      );
    }
    if (missing.kind === 'gap' && event.revision === missing.from) {
      this.suspect = undefined;
      return this.breakAt(
        suspect.event,
        'reordered',
        `revision ${suspect.event.revision} comes before revision ${missing.from}`,
      );
    }
    suspect.looked += 1;
    if (suspect.looked >= LOOKAHEAD) this.settle(suspect);
  }

  /** What a suspect is once what it misses did not turn up. */
  private settle(suspect: Suspect): void {
    this.suspect = undefined;
    const { event, missing } = suspect;
    if (missing.kind === 'gap') {
      const last = event.revision - 1n;
      const gone =
        last === missing.from ? `revision ${last} is` : `revisions ${missing.from}..${last} are`;
      return this.breakAt(event, 'removed', `${gone} missing`);
    }
    if (this.hashesAt(event, event.revision, missing.expected)) {
      return this.breakAt(event, 'altered', 'its previousHash was changed');
    }
    for (let shift = 1n; shift <= BigInt(MAX_SHIFT); shift += 1n) {
      if (this.hashesAt(event, event.revision + shift)) {
        return this.breakAt(
          event,
          'removed',
          `it was hashed as revision ${event.revision + shift}: ${shift} event(s) before it are gone and the stream was written anew`,
        );
      }
    }
    if (this.hashesAt(event, event.revision)) {
      return this.breakAt(
        event,
        'removed',
        `its previousHash names no event of the stream: the event it follows, before revision ${event.revision}, is gone`,
      );
    }
    this.breakAt(event, 'inserted', 'neither its hash nor its previousHash fits the chain');
  }

  private reportedBreak(): Readonly<{ firstBreak?: ChainBreak }> {
    if (this.firstBreak !== undefined) return { firstBreak: this.firstBreak };
    const anchor = this.options.anchoredHead;
    if (anchor === undefined) return {};
    if (this.atAnchor === undefined) {
      const end =
        this.head === undefined ? 'has no event' : `ends at revision ${this.head.revision}`;
      return {
        firstBreak: {
          revision: anchor.revision,
          eventId: undefined,
          kind: 'truncated',
          detail: `the stream ${end}, short of its anchored head at revision ${anchor.revision}`,
        },
      };
    }
    if ((this.atAnchor.hash ?? null) === anchor.hash) return {};
    return {
      firstBreak: {
        revision: anchor.revision,
        eventId: this.atAnchor.eventId,
        kind: 'truncated',
        detail:
          'its hash is not the anchored head’s: the stream was cut back and written anew after it was anchored',
      },
    };
  }

  private accept(event: ChainEvent, hash: string): void {
    this.checked += 1;
    this.recent.push({ revision: event.revision, eventId: event.id, hash });
    if (this.recent.length > RECENT_LINKS) this.recent.shift();
  }

  private countBeforeChain(revision: bigint): void {
    const before = this.beforeChain;
    if (before === undefined) {
      this.beforeChain = { count: 1, firstRevision: revision, lastRevision: revision };
    } else {
      before.count += 1;
      before.lastRevision = revision;
    }
  }

  private breakAt(
    event: Readonly<{ revision: bigint; id: string }>,
    kind: ChainBreakKind,
    detail: string,
  ): void {
    this.firstBreak = { revision: event.revision, eventId: event.id, kind, detail };
  }

  /** Whether the event's stored hash is its content's hash at `revision` (and with `previousHash`). */
  private hashesAt(event: ChainEvent, revision: bigint, previousHash?: string): boolean {
    const stored = event.metadata as Readonly<Record<string, unknown>>;
    const metadata = previousHash === undefined ? stored : { ...stored, previousHash };
    const hash = eventHash({
      streamName: this.streamName,
      revision,
      type: event.type,
      data: event.data,
      metadata,
    });
    return hash === stored.hash;
  }

  private genesis(): string {
    this.genesisOfStream ??= genesisHash(this.streamName);
    return this.genesisOfStream;
  }
}

/** A whole stream's events, in order, verified at once. */
export function verifyChain(
  streamName: string,
  events: Iterable<ChainEvent>,
  options: ChainVerificationOptions = {},
): ChainReport {
  const verifier = new ChainVerifier(streamName, options);
  for (const event of events) verifier.add(event);
  return verifier.finish();
}
