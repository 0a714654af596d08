import type { DataKey } from './data-key';

export type DataKeyCacheOptions = Readonly<{
  /** Keys kept at most; the least recently used go first (10,000: about 2 MB). */
  maxEntries?: number;
  /**
   * How long a key is used from memory before it is read from the store again
   * (60,000 ms): the longest an erasure in another process leaves this process
   * able to decrypt with the erased key. 0 keeps no key.
   */
  ttlMs?: number;
  now?: () => number;
}>;

type Entry = Readonly<{ key: DataKey | 'erased'; expiresAt: number }>;

/**
 * Data keys in memory, and the erased ones (an erasure is final, so it is
 * remembered without expiry). A key never stored is not remembered: it may be
 * created at any moment.
 */
export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: DataKeyCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The key, `'erased'`, or undefined when it must be read from the store. */
  get(keyId: string): DataKey | 'erased' | undefined {
    const entry = this.entries.get(keyId);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(keyId);
      return undefined;
    }
    this.entries.delete(keyId);
    this.entries.set(keyId, entry);
    return entry.key;
  }

  remember(key: DataKey): void {
    if (this.ttlMs > 0) this.put(key.keyId, { key, expiresAt: this.now() + this.ttlMs });
  }

  rememberErased(keyId: string): void {
    this.put(keyId, { key: 'erased', expiresAt: Number.POSITIVE_INFINITY });
  }

  /** Drops keys (told of their erasure by another process), so the next use reads the store. */
  forget(keyIds: Iterable<string>): void {
    for (const keyId of keyIds) this.entries.delete(keyId);
  }

  private put(keyId: string, entry: Entry): void {
    this.entries.delete(keyId);
    this.entries.set(keyId, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
