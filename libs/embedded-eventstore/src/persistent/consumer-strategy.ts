import type { ConsumerStrategyName } from './group-settings';

/** A connected consumer as a strategy sees it: it takes a message while it has free slots. */
export interface StrategyClient<M> {
  readonly id: number;
  push(message: M): boolean;
}

export type PushResult = 'sent' | 'skipped' | 'full';

export interface ConsumerStrategy<M> {
  readonly name: ConsumerStrategyName;
  added(client: StrategyClient<M>): void;
  removed(client: StrategyClient<M>): void;
  push(message: M): PushResult;
}

/** Each message goes to the next client in turn that has a free slot. */
class RoundRobin<M> implements ConsumerStrategy<M> {
  readonly name: ConsumerStrategyName = 'RoundRobin';
  protected clients: StrategyClient<M>[] = [];

  added(client: StrategyClient<M>): void {
    this.clients.push(client);
  }

  removed(client: StrategyClient<M>): void {
    this.clients = this.clients.filter((candidate) => candidate !== client);
  }

  push(message: M): PushResult {
    for (let i = 0; i < this.clients.length; i += 1) {
      const client = this.clients.shift() as StrategyClient<M>;
      this.clients.push(client);
      if (client.push(message)) return 'sent';
    }
    return 'full';
  }
}

/** Every message goes to the first client until it is full; only then to the next. */
class DispatchToSingle<M> extends RoundRobin<M> {
  override readonly name: ConsumerStrategyName = 'DispatchToSingle';

  override push(message: M): PushResult {
    for (let i = 0; i < this.clients.length; i += 1) {
      if (this.clients[0].push(message)) return 'sent';
      this.clients.push(this.clients.shift() as StrategyClient<M>);
    }
    return 'full';
  }
}

const BUCKETS = 1024;

/**
 * Messages with the same key (stream name, or correlation id) go to the same client while it
 * stays connected: keys hash to buckets, and a bucket is given to the client holding the fewest
 * when first used. A message whose client is full waits (skipped) instead of going elsewhere.
 */
class Pinned<M> implements ConsumerStrategy<M> {
  private readonly owners = new Array<StrategyClient<M> | undefined>(BUCKETS);
  private readonly held = new Map<StrategyClient<M>, number>();

  constructor(
    readonly name: ConsumerStrategyName,
    private readonly keyOf: (message: M) => string,
  ) {}

  added(client: StrategyClient<M>): void {
    this.held.set(client, 0);
  }

  removed(client: StrategyClient<M>): void {
    this.held.delete(client);
    for (let i = 0; i < BUCKETS; i += 1) if (this.owners[i] === client) this.owners[i] = undefined;
  }

  push(message: M): PushResult {
    if (this.held.size === 0) return 'full';
    const bucket = fnv1a(this.keyOf(message)) % BUCKETS;
    let owner = this.owners[bucket];
    if (owner === undefined) {
      owner = [...this.held.entries()].reduce((a, b) => (b[1] < a[1] ? b : a))[0];
      this.owners[bucket] = owner;
      this.held.set(owner, (this.held.get(owner) ?? 0) + 1);
    }
    return owner.push(message) ? 'sent' : 'skipped';
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The keys pinned strategies route by. */
export interface PinKeys<M> {
  stream(message: M): string;
  correlation(message: M): string;
}

export function createConsumerStrategy<M>(
  name: ConsumerStrategyName,
  keys: PinKeys<M>,
): ConsumerStrategy<M> {
  switch (name) {
    case 'RoundRobin':
      return new RoundRobin<M>();
    case 'DispatchToSingle':
      return new DispatchToSingle<M>();
    case 'Pinned':
      return new Pinned<M>(name, (message) => keys.stream(message));
    case 'PinnedByCorrelation':
      return new Pinned<M>(name, (message) => keys.correlation(message));
  }
}
