import { randomBytes } from 'node:crypto';
import { DataKeyCache } from './data-key-cache';

const keyOf = (keyId: string) => ({ keyId, secret: randomBytes(32) });

describe('the data keys in memory', () => {
  it('uses a key until its time to live ends, then asks the store again', () => {
    let now = 0;
    const cache = new DataKeyCache({ ttlMs: 1_000, now: () => now });
    const key = keyOf('candidate:a');
    cache.remember(key);
    now = 999;
    expect(cache.get('candidate:a')).toBe(key);
    now = 1_000;
    expect(cache.get('candidate:a')).toBeUndefined();
  });

  it('remembers an erasure for good, and keeps no key at all with a time to live of 0', () => {
    let now = 0;
    const cache = new DataKeyCache({ ttlMs: 0, now: () => now });
    cache.remember(keyOf('candidate:a'));
    cache.rememberErased('candidate:b');
    now = 10 ** 12;
    expect(cache.get('candidate:a')).toBeUndefined();
    expect(cache.get('candidate:b')).toBe('erased');
  });

  it('keeps at most maxEntries, dropping the least recently used, and forgets when told', () => {
    const cache = new DataKeyCache({ maxEntries: 2 });
    cache.remember(keyOf('candidate:a'));
    cache.remember(keyOf('candidate:b'));
    cache.get('candidate:a');
    cache.remember(keyOf('candidate:c'));
    expect(cache.get('candidate:b')).toBeUndefined();
    expect(cache.get('candidate:a')).toBeDefined();
    cache.forget(['candidate:a']);
    expect(cache.get('candidate:a')).toBeUndefined();
    expect(cache.get('candidate:c')).toBeDefined();
  });
});
