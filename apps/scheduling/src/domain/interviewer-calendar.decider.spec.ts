import { CommandRejectedError } from '@hirestream/contracts';
import type { InterviewerAvailabilitySet, InterviewerCalendarEvent } from '@hirestream/contracts';
import { deciderSpecification, foldEvents, refusedWith } from '@hirestream/event-sourcing';
import type { InterviewerCalendarCommand } from './interviewer-calendar.commands';
import { interviewerCalendarDecider } from './interviewer-calendar.decider';

const spec = deciderSpecification(interviewerCalendarDecider);
const interviewerId = 'grace';
const now = '2026-03-01T00:00:00Z';

/** Monday to Friday 09:00–17:00 plus Sunday (to test the clock changes, which fall on Sundays). */
const workingHours = ([1, 2, 3, 4, 5, 7] as const).map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));
const availabilityData = (
  timeZone = 'Europe/London',
  dailyInterviewLimit = 3,
): InterviewerAvailabilitySet['data'] => ({
  interviewerId,
  timeZone,
  workingHours,
  dailyInterviewLimit,
});
const availability = (timeZone?: string, limit?: number): InterviewerCalendarEvent => ({
  type: 'InterviewerAvailabilitySet',
  data: availabilityData(timeZone, limit),
});
const reserved = (
  interviewId: string,
  startsAt: string,
  endsAt: string,
  override: { reason: string; overrodeRules: string[] } | null = null,
): InterviewerCalendarEvent => ({
  type: 'InterviewerSlotReserved',
  data: {
    interviewerId,
    interviewId,
    candidateId: `candidate-of-${interviewId}`,
    startsAt,
    endsAt,
    override,
  },
});
const reserve = (
  interviewId: string,
  startsAt: string,
  endsAt: string,
  override: { reason: string } | null = null,
): InterviewerCalendarCommand => ({
  type: 'ReserveInterviewerSlot',
  data: {
    interviewerId,
    interviewId,
    candidateId: `candidate-of-${interviewId}`,
    startsAt,
    endsAt,
    now,
    override,
  },
});
const release = (interviewId: string): InterviewerCalendarCommand => ({
  type: 'ReleaseInterviewerSlot',
  data: { interviewerId, interviewId, reason: 'interview cancelled' },
});
const setAvailability = (
  data: Partial<InterviewerAvailabilitySet['data']>,
): InterviewerCalendarCommand => ({
  type: 'SetInterviewerAvailability',
  data: { ...availabilityData(), ...data },
});

describe('interviewer calendar decider', () => {
  describe('SetInterviewerAvailability', () => {
    it('records working hours, zone and daily limit', () => {
      spec.given([]).when(setAvailability({})).then([availability()]);
    });

    it('refuses an unknown time zone', () => {
      spec
        .given([])
        .when(setAvailability({ timeZone: 'Europe/Atlantis' }))
        .thenThrows(CommandRejectedError, refusedWith('unknown-time-zone'));
    });

    it('refuses two spans on one weekday and hours that end before they start', () => {
      spec
        .given([])
        .when(
          setAvailability({
            workingHours: [
              { weekday: 1, start: '09:00', end: '12:00' },
              { weekday: 1, start: '13:00', end: '17:00' },
            ],
          }),
        )
        .thenThrows(CommandRejectedError, refusedWith('invalid-working-hours'));
      spec
        .given([])
        .when(setAvailability({ workingHours: [{ weekday: 2, start: '17:00', end: '09:00' }] }))
        .thenThrows(CommandRejectedError, refusedWith('invalid-working-hours', 'weekday 2'));
    });

    it('refuses a daily limit below one', () => {
      spec
        .given([])
        .when(setAvailability({ dailyInterviewLimit: 0 }))
        .thenThrows(CommandRejectedError, refusedWith('invalid-daily-limit'));
    });
  });

  describe('ReserveInterviewerSlot', () => {
    it('books any time while no availability is known, refusing only clashes', () => {
      spec
        .given([])
        .when(reserve('i-1', '2026-03-28T02:00:00Z', '2026-03-28T03:00:00Z'))
        .then([reserved('i-1', '2026-03-28T02:00:00Z', '2026-03-28T03:00:00Z')]);
    });

    it('books back to back: intervals touching at the edges do not overlap', () => {
      const history = [
        availability(),
        reserved('i-1', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z'),
      ];
      spec
        .given(history)
        .when(reserve('i-2', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z'))
        .then([reserved('i-2', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z')]);
      spec
        .given(history)
        .when(reserve('i-0', '2026-03-30T08:00:00Z', '2026-03-30T09:00:00Z'))
        .then([reserved('i-0', '2026-03-30T08:00:00Z', '2026-03-30T09:00:00Z')]);
    });

    it('refuses an overlap, naming the interview it clashes with', () => {
      spec
        .given([reserved('i-9', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z')])
        .when(reserve('i-2', '2026-03-30T09:59:00Z', '2026-03-30T10:30:00Z'))
        .thenThrows(
          CommandRejectedError,
          refusedWith('interviewer-double-booked', 'interview i-9'),
        );
    });

    it('refuses an overlap even with an override', () => {
      spec
        .given([reserved('i-9', '2026-03-30T09:00:00Z', '2026-03-30T12:00:00Z')])
        .when(reserve('i-2', '2026-03-30T10:00:00Z', '2026-03-30T11:00:00Z', { reason: 'urgent' }))
        .thenThrows(CommandRejectedError, refusedWith('interviewer-double-booked'));
    });

    it('refuses a slot in the past or one that ends before it starts', () => {
      spec
        .given([])
        .when(reserve('i-1', '2026-02-28T09:00:00Z', '2026-02-28T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
      spec
        .given([])
        .when(reserve('i-1', '2026-03-30T10:00:00Z', '2026-03-30T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('ends-before-it-starts'));
      spec
        .given([])
        .when(reserve('i-1', '2026-03-30T10:00:00Z', '2026-03-31T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('too-long'));
      spec
        .given([])
        .when(reserve('i-1', 'next tuesday', '2026-03-30T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('invalid-instant'));
    });

    it('keeps 09:00–17:00 on the wall clock on the day British clocks go forward', () => {
      // Sunday 29 March 2026: 09:00 BST is 08:00 UTC, and 17:00 BST is 16:00 UTC.
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z'))
        .then([reserved('i-1', '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z')]);
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-03-29T15:30:00Z', '2026-03-29T16:30:00Z'))
        .thenThrows(
          CommandRejectedError,
          refusedWith(
            'outside-working-hours',
            '16:30–17:30 Europe/London is outside working hours (working hours are 09:00–17:00)',
          ),
        );
    });

    it('keeps 09:00–17:00 on the wall clock on the day British clocks go back', () => {
      // Sunday 25 October 2026: back on GMT, 09:00 is 09:00 UTC.
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-10-25T08:30:00Z', '2026-10-25T09:30:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('outside-working-hours'));
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-10-25T16:00:00Z', '2026-10-25T17:00:00Z'))
        .then([reserved('i-1', '2026-10-25T16:00:00Z', '2026-10-25T17:00:00Z')]);
    });

    it("reads working hours in the interviewer's own zone", () => {
      // 13:00 UTC is 09:00 in New York (EDT) on Monday 30 March 2026.
      spec
        .given([availability('America/New_York')])
        .when(reserve('i-1', '2026-03-30T13:00:00Z', '2026-03-30T14:00:00Z'))
        .then([reserved('i-1', '2026-03-30T13:00:00Z', '2026-03-30T14:00:00Z')]);
      spec
        .given([availability('America/New_York')])
        .when(reserve('i-1', '2026-03-30T12:00:00Z', '2026-03-30T13:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('outside-working-hours'));
    });

    it('refuses a day off and a slot that runs past the end of the day', () => {
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-03-28T10:00:00Z', '2026-03-28T11:00:00Z'))
        .thenThrows(
          CommandRejectedError,
          refusedWith('outside-working-hours', 'not a working day'),
        );
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-03-30T15:30:00Z', '2026-03-30T16:30:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('outside-working-hours'));
    });

    it('books outside working hours with an override, recording what it overrode and why', () => {
      spec
        .given([availability()])
        .when(
          reserve('i-1', '2026-03-28T10:00:00Z', '2026-03-28T11:00:00Z', {
            reason: 'candidate only free on Saturday',
          }),
        )
        .then([
          reserved('i-1', '2026-03-28T10:00:00Z', '2026-03-28T11:00:00Z', {
            reason: 'candidate only free on Saturday',
            overrodeRules: ['outside-working-hours'],
          }),
        ]);
    });

    it('records no override when nothing needed overriding', () => {
      spec
        .given([availability()])
        .when(
          reserve('i-1', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z', {
            reason: 'just in case',
          }),
        )
        .then([reserved('i-1', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z')]);
    });

    it('refuses an override without a reason', () => {
      spec
        .given([availability()])
        .when(reserve('i-1', '2026-03-28T10:00:00Z', '2026-03-28T11:00:00Z', { reason: '  ' }))
        .thenThrows(CommandRejectedError, refusedWith('override-needs-reason'));
    });

    const twoThatMonday = [
      availability('Europe/London', 2),
      reserved('i-1', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z'),
      reserved('i-2', '2026-03-30T11:00:00Z', '2026-03-30T12:00:00Z'),
    ];

    it('refuses an interview past the daily limit', () => {
      spec
        .given(twoThatMonday)
        .when(reserve('i-3', '2026-03-30T14:00:00Z', '2026-03-30T15:00:00Z'))
        .thenThrows(
          CommandRejectedError,
          refusedWith('daily-limit-reached', '2 interviews are already booked that day (limit 2)'),
        );
    });

    it('counts the limit per local day of the interviewer', () => {
      spec
        .given(twoThatMonday)
        .when(reserve('i-3', '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'))
        .then([reserved('i-3', '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z')]);
      // 23:30 UTC on Monday is already Tuesday 08:30 in Tokyo: a different day there.
      spec
        .given([
          availability('Asia/Tokyo', 1),
          reserved('i-1', '2026-03-30T01:00:00Z', '2026-03-30T02:00:00Z'),
        ])
        .when(reserve('i-2', '2026-03-31T00:00:00Z', '2026-03-31T01:00:00Z'))
        .then([reserved('i-2', '2026-03-31T00:00:00Z', '2026-03-31T01:00:00Z')]);
    });

    it('books past the limit with an override, naming every rule it overrode', () => {
      spec
        .given(twoThatMonday)
        .when(
          reserve('i-3', '2026-03-30T17:00:00Z', '2026-03-30T18:00:00Z', {
            reason: 'final round before offer deadline',
          }),
        )
        .then([
          reserved('i-3', '2026-03-30T17:00:00Z', '2026-03-30T18:00:00Z', {
            reason: 'final round before offer deadline',
            overrodeRules: ['outside-working-hours', 'daily-limit-reached'],
          }),
        ]);
    });

    it('changes nothing when the same reservation is retried', () => {
      spec
        .given(twoThatMonday)
        .when(reserve('i-2', '2026-03-30T11:00:00.000Z', '2026-03-30T12:00:00.000Z'))
        .then([]);
    });

    it('moves an interview it already holds, without clashing with or counting its old time', () => {
      spec
        .given(twoThatMonday)
        .when(reserve('i-2', '2026-03-30T11:30:00Z', '2026-03-30T12:30:00Z'))
        .then([reserved('i-2', '2026-03-30T11:30:00Z', '2026-03-30T12:30:00Z')]);
    });
  });

  describe('ReleaseInterviewerSlot', () => {
    it('releases a held slot, which frees its time', () => {
      const history = [reserved('i-1', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z')];
      spec
        .given(history)
        .when(release('i-1'))
        .then([
          {
            type: 'InterviewerSlotReleased',
            data: { interviewerId, interviewId: 'i-1', reason: 'interview cancelled' },
          },
        ]);
      spec
        .given([
          ...history,
          {
            type: 'InterviewerSlotReleased',
            data: { interviewerId, interviewId: 'i-1', reason: 'x' },
          },
        ])
        .when(reserve('i-2', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z'))
        .then([reserved('i-2', '2026-03-30T09:00:00Z', '2026-03-30T10:00:00Z')]);
    });

    it('changes nothing for a slot it does not hold, so compensations can be retried', () => {
      spec.given([]).when(release('i-1')).then([]);
    });
  });

  describe('snapshots', () => {
    const policy = interviewerCalendarDecider.snapshots!;
    const fold = (events: InterviewerCalendarEvent[]) =>
      foldEvents(interviewerCalendarDecider, events);

    it('restores, through JSON, the calendar the events fold to', () => {
      const calendar = fold([
        availability('Europe/London', 3),
        reserved('i-1', '2026-03-02T09:00:00Z', '2026-03-02T10:00:00Z'),
        reserved('i-2', '2026-03-02T11:00:00Z', '2026-03-02T12:00:00Z'),
        {
          type: 'InterviewerSlotReleased',
          data: { interviewerId, interviewId: 'i-1', reason: 'x' },
        },
      ]);
      const stored: unknown = JSON.parse(JSON.stringify(policy.serialize(calendar)));
      expect(policy.deserialize(stored)).toEqual(calendar);
      expect(policy.deserialize(JSON.parse(JSON.stringify(policy.serialize(fold([])))))).toEqual(
        fold([]),
      );
    });

    it('refuses what is not a calendar, so that the stream is read instead', () => {
      expect(() => policy.deserialize({ status: 'registered' })).toThrow();
      expect(() =>
        policy.deserialize({ availability: null, slots: [{ interviewId: 1 }] }),
      ).toThrow();
      expect(() => policy.deserialize(null)).toThrow();
    });
  });
});
