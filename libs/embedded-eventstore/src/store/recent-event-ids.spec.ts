import { RecentEventIds } from './recent-event-ids';

const id = (n: number): Buffer => Buffer.alloc(16, n);

describe('recent event ids', () => {
  it('finds remembered ids until they age out', () => {
    const ids = new RecentEventIds(3);
    for (let n = 0; n < 5; n += 1) ids.remember(id(n), { streamId: 1, revision: n });
    expect(ids.find(id(0))).toBeUndefined();
    expect(ids.find(id(1))).toBeUndefined();
    expect(ids.find(id(4))).toMatchObject({ streamId: 1, revision: 4 });
  });

  it('keeps an id remembered again after its old slot is reused', () => {
    const ids = new RecentEventIds(2);
    ids.remember(id(1), { streamId: 1, revision: 0 });
    ids.remember(id(1), { streamId: 2, revision: 7 });
    ids.remember(id(2), { streamId: 1, revision: 1 });
    expect(ids.find(id(1))).toMatchObject({ streamId: 2, revision: 7 });
  });

  it('stays fast when far more ids pass through than it keeps', () => {
    const ids = new RecentEventIds(50_000);
    const started = Date.now();
    for (let n = 0; n < 300_000; n += 1)
      ids.remember(Buffer.from(n.toString(16).padStart(32, '0'), 'hex'), {
        streamId: 0,
        revision: n,
      });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
