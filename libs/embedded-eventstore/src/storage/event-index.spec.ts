import { EventIndex } from './event-index';

describe('event index', () => {
  it('keeps position, stream and type per event, across growth', () => {
    const index = new EventIndex();
    const orders = index.streamOrCreate('orders');
    const users = index.streamOrCreate('users');
    for (let i = 0; i < 10_000; i += 1) {
      const stream = i % 2 === 0 ? orders : users;
      stream.seqs.push(index.add(i * 100, stream, i % 3 === 0 ? 'Created' : 'Updated'));
    }
    expect(index.count).toBe(10_000);
    expect(index.positionOf(9_999)).toBe(999_900);
    expect(index.streamOf(9_999)).toBe(users);
    expect(index.typeName(index.typeIdOf(9_999))).toBe('Created');
    expect([0, 1, 2].map((revision) => orders.seqs.at(revision))).toEqual([0, 2, 4]);
    expect(orders.seqs.length).toBe(5_000);
    expect(orders.seqs.at(4_999)).toBe(9_998);
    expect(index.streamOrCreate('orders')).toBe(orders);
  });

  it('keeps every column across chunk boundaries', () => {
    const index = new EventIndex();
    const stream = index.streamOrCreate('s');
    for (let i = 0; i < 200_000; i += 1) index.add(i * 3, stream, `T${i % 7}`);
    for (const seq of [0, 65_535, 65_536, 131_072, 199_999]) {
      expect(index.positionOf(seq)).toBe(seq * 3);
      expect(index.typeName(index.typeIdOf(seq))).toBe(`T${seq % 7}`);
      expect(index.streamIdOf(seq)).toBe(stream.id);
    }
    expect(index.firstSeqAtOrAfter(65_536 * 3 - 1, 200_000)).toBe(65_536);
  });

  it('finds the first event at or after a position among durable ones', () => {
    const index = new EventIndex();
    const stream = index.streamOrCreate('s');
    for (const position of [0, 50, 120, 300]) index.add(position, stream, 'T');
    expect(index.firstSeqAtOrAfter(0, 4)).toBe(0);
    expect(index.firstSeqAtOrAfter(51, 4)).toBe(2);
    expect(index.firstSeqAtOrAfter(120, 4)).toBe(2);
    expect(index.firstSeqAtOrAfter(301, 4)).toBe(4);
    expect(index.firstSeqAtOrAfter(301, 3)).toBe(3);
  });
});
