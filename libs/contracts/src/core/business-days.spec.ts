import { addBusinessDays, businessDaysWindowEnd, isBusinessDay } from './business-days';

const at = (iso: string) => Date.parse(iso);
const iso = (instant: number) => new Date(instant).toISOString();

describe('business days in a jurisdiction', () => {
  it('ends a Friday notice plus 5 over a Monday holiday at the midnight ending the fifth day', () => {
    // Friday 24 May 2030, 16:00 in California; Monday 27 May is Memorial Day.
    const california = { timeZone: 'America/Los_Angeles', holidays: ['2030-05-27'] };
    const end = businessDaysWindowEnd(at('2030-05-24T23:00:00Z'), 5, california);
    // Tue 28, Wed 29, Thu 30, Fri 31, Mon 3 June: over at midnight PDT (UTC-7) into the 4th.
    expect(iso(end)).toBe('2030-06-04T07:00:00.000Z');
  });

  it('counts the same days without the holiday one day earlier', () => {
    const end = businessDaysWindowEnd(at('2030-05-24T23:00:00Z'), 5, {
      timeZone: 'America/Los_Angeles',
      holidays: [],
    });
    expect(iso(end)).toBe('2030-06-01T07:00:00.000Z');
  });

  it('ends at local midnight after clocks spring forward within the window', () => {
    // Thursday 7 March 2030, 10:00 EST (UTC-5); New York moves to EDT (UTC-4) on Sunday 10 March.
    const newYork = { timeZone: 'America/New_York', holidays: [] };
    const end = businessDaysWindowEnd(at('2030-03-07T15:00:00Z'), 5, newYork);
    // Fri 8, Mon 11, Tue 12, Wed 13, Thu 14: midnight EDT into Friday 15 March.
    expect(iso(end)).toBe('2030-03-15T04:00:00.000Z');
  });

  it('ends at local midnight after clocks fall back within the window', () => {
    // Friday 25 October 2030, 09:00 BST (UTC+1); London returns to GMT on Sunday 27 October.
    const end = businessDaysWindowEnd(at('2030-10-25T08:00:00Z'), 5, {
      timeZone: 'Europe/London',
      holidays: [],
    });
    // Mon 28 … Fri 1 November: midnight GMT into Saturday 2 November.
    expect(iso(end)).toBe('2030-11-02T00:00:00.000Z');
  });

  it('crosses New Year, skipping New Year’s Day, in a zone where the notice day is already tomorrow in UTC terms', () => {
    // 20:00 UTC on 30 December 2029 is 09:00 on Monday 31 December in Auckland (UTC+13).
    const auckland = {
      timeZone: 'Pacific/Auckland',
      holidays: ['2030-01-01', '2030-01-02'],
    };
    const end = businessDaysWindowEnd(at('2029-12-30T20:00:00Z'), 5, auckland);
    // Thu 3, Fri 4, Mon 7, Tue 8, Wed 9 January: midnight NZDT into the 10th is 11:00 UTC on the 9th.
    expect(iso(end)).toBe('2030-01-09T11:00:00.000Z');
  });

  it('crosses New Year in London over the 1 January holiday', () => {
    const end = businessDaysWindowEnd(at('2029-12-31T17:00:00Z'), 5, {
      timeZone: 'Europe/London',
      holidays: ['2030-01-01'],
    });
    // Wed 2, Thu 3, Fri 4, Mon 7, Tue 8 January.
    expect(iso(end)).toBe('2030-01-09T00:00:00.000Z');
  });

  it('never counts the notice day, even a weekend or holiday one', () => {
    const holidays = new Set(['2030-05-27']);
    expect(addBusinessDays({ year: 2030, month: 5, day: 25 }, 1, holidays)).toEqual({
      year: 2030,
      month: 5,
      day: 28,
    });
    expect(isBusinessDay({ year: 2030, month: 5, day: 25 }, holidays)).toBe(false);
    expect(isBusinessDay({ year: 2030, month: 5, day: 28 }, holidays)).toBe(true);
  });

  it('refuses a count that is not a whole number of at least one', () => {
    const date = { year: 2030, month: 5, day: 24 };
    expect(() => addBusinessDays(date, 0, new Set())).toThrow(RangeError);
    expect(() => addBusinessDays(date, 2.5, new Set())).toThrow(RangeError);
  });
});
