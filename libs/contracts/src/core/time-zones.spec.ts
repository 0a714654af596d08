import {
  addDays,
  instantAt,
  isoWeekday,
  localDateAt,
  utcOffsetText,
  wallClockText,
} from './time-zones';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

describe('time zones', () => {
  it('reads wall-clock times on both sides of a daylight-saving change', () => {
    expect(iso(instantAt({ year: 2026, month: 3, day: 28 }, 9 * 60, 'Europe/London'))).toBe(
      '2026-03-28T09:00:00.000Z',
    );
    expect(iso(instantAt({ year: 2026, month: 3, day: 29 }, 9 * 60, 'Europe/London'))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(iso(instantAt({ year: 2026, month: 11, day: 1 }, 9 * 60, 'America/New_York'))).toBe(
      '2026-11-01T14:00:00.000Z',
    );
    expect(iso(instantAt({ year: 2026, month: 3, day: 30 }, 9 * 60, 'Asia/Kolkata'))).toBe(
      '2026-03-30T03:30:00.000Z',
    );
  });

  it('reads a skipped time with the offset before the change, and a repeated one as its first occurrence', () => {
    expect(iso(instantAt({ year: 2026, month: 3, day: 29 }, 90, 'Europe/London'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(instantAt({ year: 2026, month: 10, day: 25 }, 90, 'Europe/London'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(instantAt({ year: 2026, month: 11, day: 1 }, 90, 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it('has 23 and 25 hour days at the changes', () => {
    const hours = (date: { year: number; month: number; day: number }) =>
      (instantAt(addDays(date, 1), 0, 'Europe/London') - instantAt(date, 0, 'Europe/London')) /
      3_600_000;
    expect(hours({ year: 2026, month: 3, day: 29 })).toBe(23);
    expect(hours({ year: 2026, month: 10, day: 25 })).toBe(25);
    expect(hours({ year: 2026, month: 10, day: 26 })).toBe(24);
  });

  it('shows instants as the zone reads them', () => {
    expect(wallClockText(at('2026-03-29T08:00:00Z'), 'Europe/London')).toBe('09:00');
    expect(utcOffsetText(at('2026-03-29T08:00:00Z'), 'Europe/London')).toBe('GMT+01:00');
    expect(utcOffsetText(at('2026-03-28T08:00:00Z'), 'Europe/London')).toBe('GMT');
    expect(utcOffsetText(at('2026-03-28T08:00:00Z'), 'America/St_Johns')).toBe('GMT-02:30');
    expect(localDateAt(at('2026-03-30T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 3,
      day: 31,
    });
  });

  it('counts ISO weekdays from Monday', () => {
    expect(isoWeekday({ year: 2026, month: 3, day: 30 })).toBe(1);
    expect(isoWeekday({ year: 2026, month: 3, day: 29 })).toBe(7);
  });
});
