import { BlockCache } from './block-cache';

describe('block cache', () => {
  it('evicts the least recently used block and hands it back for reuse', () => {
    const cache = new BlockCache(2);
    const [a, b, c] = [Buffer.from('a'), Buffer.from('b'), Buffer.from('c')];
    expect(cache.set(1, a)).toBeUndefined();
    expect(cache.set(2, b)).toBeUndefined();
    expect(cache.get(1)).toBe(a);
    expect(cache.set(3, c)).toBe(b);
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe(a);
    expect(cache.get(3)).toBe(c);
  });
});
