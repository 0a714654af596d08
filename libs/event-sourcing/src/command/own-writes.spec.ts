import { OwnWrites } from './own-writes';

describe('own writes', () => {
  const write = (streamName: string, position: bigint, eventTypes = ['Done']) => ({
    streamName,
    eventTypes,
    position,
  });

  it('tells the newest position to wait for, for one stream or for any a reader selects', () => {
    const writes = new OwnWrites();
    writes.note(write('candidate-1', 10n));
    writes.note(write('calendar-1', 20n, ['SlotReserved']));
    writes.note(write('candidate-1', 30n));
    const any = () => true;
    expect(writes.latestPosition(any, 'candidate-1')).toBe(30n);
    expect(writes.latestPosition(any, 'candidate-2')).toBeUndefined();
    expect(writes.latestPosition(any)).toBe(30n);
    expect(writes.latestPosition((w) => w.eventTypes.includes('SlotReserved'))).toBe(20n);
  });

  it('forgets writes older than a read would wait for', () => {
    jest.useFakeTimers();
    try {
      const writes = new OwnWrites();
      writes.note(write('candidate-1', 10n));
      jest.advanceTimersByTime(31_000);
      writes.note(write('candidate-2', 20n));
      expect(writes.latestPosition(() => true, 'candidate-1')).toBeUndefined();
      expect(writes.latestPosition(() => true)).toBe(20n);
    } finally {
      jest.useRealTimers();
    }
  });
});
