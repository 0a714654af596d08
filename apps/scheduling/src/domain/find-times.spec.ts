import { findTimes, type PanelistCalendar } from './find-times';
import { contains, overlaps, type Interval } from './intervals';
import { workingDayAt, type Availability } from './working-hours';

const at = (iso: string) => Date.parse(iso);
const span = (from: string, to: string): Interval => ({ start: at(from), end: at(to) });
const shown = (slots: readonly Interval[]) =>
  slots.map(
    (s) =>
      `${new Date(s.start).toISOString().slice(0, 16)}–${new Date(s.end).toISOString().slice(11, 16)}`,
  );

const weekdays = (timeZone: string, dailyInterviewLimit = 4): Availability => ({
  timeZone,
  workingHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    start: '09:00',
    end: '17:00',
  })),
  dailyInterviewLimit,
});
const panelist = (
  interviewerId: string,
  availability: Availability,
  busy: Interval[] = [],
): PanelistCalendar => ({ interviewerId, availability, busy });
const request = {
  candidateBusy: [],
  durationMinutes: 60,
  stepMinutes: 60,
  maxProposals: 50,
};

describe('find times', () => {
  it('proposes only the hours both a London and a New York interviewer work, as the gap between them changes with daylight saving', () => {
    // Friday 27 March: London on GMT, New York already on EDT, 4 hours apart: 13:00–17:00 UTC.
    // Monday 30 March: London on BST, 5 hours apart again: 13:00–16:00 UTC.
    const slots = findTimes({
      ...request,
      panel: [
        panelist('grace', weekdays('Europe/London')),
        panelist('alan', weekdays('America/New_York')),
      ],
      range: span('2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z'),
    });
    expect(shown(slots)).toEqual([
      '2026-03-27T13:00–14:00',
      '2026-03-27T14:00–15:00',
      '2026-03-27T15:00–16:00',
      '2026-03-27T16:00–17:00',
      '2026-03-30T13:00–14:00',
      '2026-03-30T14:00–15:00',
      '2026-03-30T15:00–16:00',
    ]);
  });

  it('keeps 09:00–17:00 London wall-clock time on the Sunday the clocks change', () => {
    const everyDay: Availability = {
      ...weekdays('Europe/London'),
      workingHours: [{ weekday: 7, start: '09:00', end: '17:00' }],
    };
    const slots = findTimes({
      ...request,
      durationMinutes: 480,
      panel: [panelist('grace', everyDay)],
      range: span('2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z'),
    });
    expect(shown(slots)).toEqual(['2026-03-29T08:00–16:00']);
  });

  it('leaves out busy time, allowing a slot that touches a booking', () => {
    const slots = findTimes({
      ...request,
      panel: [
        panelist('grace', weekdays('UTC'), [span('2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z')]),
        panelist('alan', weekdays('UTC'), [span('2026-03-30T10:30:00Z', '2026-03-30T15:00:00Z')]),
      ],
      stepMinutes: 30,
      range: span('2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'),
    });
    expect(shown(slots)).toEqual([
      '2026-03-30T15:00–16:00',
      '2026-03-30T15:30–16:30',
      '2026-03-30T16:00–17:00',
    ]);
  });

  it("leaves out the candidate's own interviews", () => {
    const slots = findTimes({
      ...request,
      panel: [panelist('grace', weekdays('UTC'))],
      candidateBusy: [span('2026-03-30T09:00:00Z', '2026-03-30T16:00:00Z')],
      range: span('2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'),
    });
    expect(shown(slots)).toEqual(['2026-03-30T16:00–17:00']);
  });

  it('skips a day on which a panelist has reached their daily limit, counted in their zone', () => {
    // Tokyo is UTC+9: the booking at 23:00 UTC on Sunday 29 March is Monday 08:00 there.
    const slots = findTimes({
      ...request,
      panel: [
        panelist('grace', weekdays('UTC')),
        panelist('hiro', weekdays('Asia/Tokyo', 1), [
          span('2026-03-29T23:00:00Z', '2026-03-29T23:30:00Z'),
        ]),
      ],
      range: span('2026-03-30T00:00:00Z', '2026-04-01T00:00:00Z'),
    });
    // Monday in Tokyo is full; Tuesday 09:00–17:00 Tokyo is 00:00–08:00 UTC, before UTC working hours: no overlap either.
    expect(slots).toEqual([]);
    const afterBusyDay = findTimes({
      ...request,
      panel: [
        panelist('hiro', weekdays('Asia/Tokyo', 1), [
          span('2026-03-29T23:00:00Z', '2026-03-29T23:30:00Z'),
        ]),
      ],
      maxProposals: 1,
      range: span('2026-03-30T00:00:00Z', '2026-04-01T00:00:00Z'),
    });
    expect(shown(afterBusyDay)).toEqual(['2026-03-31T00:00–01:00']);
  });

  it('skips weekends, respects the range and the number of proposals, earliest first', () => {
    const slots = findTimes({
      ...request,
      panel: [panelist('grace', weekdays('UTC'))],
      range: span('2026-03-27T15:30:00Z', '2026-03-30T11:00:00Z'),
      maxProposals: 3,
    });
    expect(shown(slots)).toEqual([
      '2026-03-27T16:00–17:00',
      '2026-03-30T09:00–10:00',
      '2026-03-30T10:00–11:00',
    ]);
  });

  it('proposes nothing when no one is free long enough', () => {
    expect(
      findTimes({
        ...request,
        durationMinutes: 9 * 60,
        panel: [panelist('grace', weekdays('UTC'))],
        range: span('2026-03-30T00:00:00Z', '2026-04-06T00:00:00Z'),
      }),
    ).toEqual([]);
  });

  it('finds only times free for all of a 5-person panel with 200 bookings each over two weeks', () => {
    // A 32-bit linear congruential generator: the same "random" calendars on every run.
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const range = span('2026-03-23T00:00:00Z', '2026-04-06T00:00:00Z');
    const zones = [
      'Europe/London',
      'America/New_York',
      'Europe/Berlin',
      'UTC',
      'America/Sao_Paulo',
    ];
    const panel = zones.map((zone, index) =>
      panelist(
        `interviewer-${index}`,
        weekdays(zone, 30),
        Array.from({ length: 200 }, () => {
          const start = range.start + Math.floor(random() * 14 * 96) * 15 * 60_000;
          return { start, end: start + (1 + Math.floor(random() * 4)) * 15 * 60_000 };
        }),
      ),
    );
    const slots = findTimes({ ...request, panel, range, durationMinutes: 45, stepMinutes: 15 });
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      for (const { availability, busy } of panel) {
        const working = workingDayAt(availability, slot.start).working;
        expect(working !== null && contains(working, slot)).toBe(true);
        expect(busy.some((b) => overlaps(b, slot))).toBe(false);
      }
    }
    expect([...slots].sort((a, b) => a.start - b.start)).toEqual(slots);
  });
});
