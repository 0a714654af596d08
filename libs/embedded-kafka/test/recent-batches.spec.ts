import { RecentBatches } from '../src/storage/recent-batches';

const batch = (size: number): Buffer => Buffer.alloc(size, 1);

describe('recently appended batches in memory', () => {
  it('serves whole batches from an offset up to a byte limit and an end offset', () => {
    const recent = new RecentBatches(10_000);
    recent.add(0, 5, batch(100));
    recent.add(5, 10, batch(100));
    recent.add(10, 15, batch(100));
    expect(recent.read(7, 1_000, 15)?.length).toBe(2);
    expect(recent.read(0, 150, 15)?.length).toBe(1);
    expect(recent.read(0, 1, 15)?.length).toBe(1);
    expect(recent.read(0, 1_000, 10)?.length).toBe(2);
    expect(recent.read(15, 1_000, 15)).toEqual([]);
  });

  it('forgets the oldest batches beyond its capacity and then defers to disk', () => {
    const recent = new RecentBatches(250);
    for (let i = 0; i < 5; i++) recent.add(i * 10, i * 10 + 10, batch(100));
    expect(recent.read(30, 1_000, 50)?.length).toBe(2);
    expect(recent.read(29, 1_000, 50)).toBeUndefined();
    recent.clear();
    expect(recent.read(45, 1_000, 50)).toBeUndefined();
  });
});
