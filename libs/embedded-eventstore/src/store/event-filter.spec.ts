import { EventFilter } from './event-filter';

describe('event filter', () => {
  it('matches any of several prefixes', () => {
    const filter = new EventFilter({
      on: 'stream_name',
      prefixes: ['order-', 'user-'],
      regex: undefined,
    });
    expect(filter.matches('order-1')).toBe(true);
    expect(filter.matches('user-2')).toBe(true);
    expect(filter.matches('invoice-3')).toBe(false);
  });

  it('matches a regex anywhere unless anchored', () => {
    expect(
      new EventFilter({ on: 'event_type', prefixes: [], regex: 'Placed' }).matches('OrderPlaced'),
    ).toBe(true);
    const systemExcluded = new EventFilter({ on: 'event_type', prefixes: [], regex: '^[^$].*' });
    expect(systemExcluded.matches('$metadata')).toBe(false);
    expect(systemExcluded.matches('OrderPlaced')).toBe(true);
  });

  it('remembers decisions per interned id', () => {
    const filter = new EventFilter({ on: 'stream_name', prefixes: ['a'], regex: undefined });
    const lookups: number[] = [];
    const nameOf = (id: number): string => {
      lookups.push(id);
      return id === 1 ? 'abc' : 'xyz';
    };
    expect([1, 2, 1, 2].map((id) => filter.matchesId(id, nameOf))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(lookups).toEqual([1, 2]);
  });
});
