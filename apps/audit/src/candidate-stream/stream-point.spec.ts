import { AggregateNotFoundError } from '@hirestream/contracts';
import { revisionAt, streamPointOf } from './stream-point';

const events = [
  { revision: 0n, occurredAt: '2030-05-06T09:00:00.000Z' },
  { revision: 1n, occurredAt: '2030-05-06T10:00:00.000Z' },
  // Written by another service whose clock was a little behind.
  { revision: 2n, occurredAt: '2030-05-06T09:59:59.500Z' },
  { revision: 3n, occurredAt: '2030-05-07T08:00:00.000Z' },
];

describe('a point of a candidate’s history', () => {
  it('reads a revision or an instant', () => {
    expect(streamPointOf('12')).toEqual({ revision: 12n });
    expect(streamPointOf('2030-05-06T10:00:00Z')).toEqual({ at: '2030-05-06T10:00:00Z' });
  });

  it('turns an instant into the last revision that had happened by then', () => {
    expect(revisionAt(events, { at: '2030-05-06T09:00:00Z' })).toBe(0n);
    expect(revisionAt(events, { at: '2030-05-06T09:59:59.999Z' })).toBe(2n);
    expect(revisionAt(events, { at: '2030-05-06T10:00:00Z' })).toBe(2n);
    expect(revisionAt(events, { at: '2099-01-01T00:00:00Z' })).toBe(3n);
    expect(revisionAt(events, { revision: 1n })).toBe(1n);
  });

  it('answers not found before the history and past its end', () => {
    expect(() => revisionAt(events, { at: '2030-05-06T08:59:59.999Z' })).toThrow(
      AggregateNotFoundError,
    );
    expect(() => revisionAt(events, { revision: 4n })).toThrow('ends at revision 3');
  });
});
