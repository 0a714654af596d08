import { AggregateNotFoundError } from '@hirestream/contracts';
import type { InterviewDaySession, PanelMember } from '@hirestream/contracts';
import { foldEvents } from '@hirestream/event-sourcing';
import { agendaText, interviewDayAgenda } from './interview-day-agenda';
import { interviewDecider, type CandidateStreamEvent } from './interview.decider';

const candidateId = 'c-1';
const panel: PanelMember[] = [{ interviewerId: 'grace', role: 'lead' }];
const session = (
  interviewId: string,
  title: string,
  startsAt: string,
  endsAt: string,
  setting: Pick<InterviewDaySession, 'format' | 'location' | 'videoLink'>,
): InterviewDaySession => ({
  interviewId,
  title,
  kind: 'panel',
  round: 2,
  panel,
  startsAt,
  endsAt,
  ...setting,
});
const inPerson = { format: 'in-person', location: 'HQ, 5th floor', videoLink: null } as const;
const video = { format: 'video', location: null, videoLink: 'https://meet.example.org/x' } as const;
const phone = { format: 'phone', location: null, videoLink: null } as const;

const day = (
  candidateTimeZone: string,
  sessions: InterviewDaySession[],
  breaks: { title: string; startsAt: string; endsAt: string }[],
): CandidateStreamEvent => ({
  type: 'InterviewDayScheduled',
  data: { candidateId, dayId: 'd-1', candidateTimeZone, sessions, breaks },
});
// Tuesday 31 March 2026; London is on BST (UTC+1), New York on EDT (UTC-4).
const tuesday = (candidateTimeZone: string) =>
  day(
    candidateTimeZone,
    [
      session('s-1', 'Coding', '2026-03-31T08:00:00Z', '2026-03-31T09:00:00Z', inPerson),
      session('s-2', 'System design', '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z', video),
      session('s-3', 'Meet the team', '2026-03-31T11:00:00Z', '2026-03-31T11:45:00Z', phone),
    ],
    [{ title: 'Lunch', startsAt: '2026-03-31T10:00:00Z', endsAt: '2026-03-31T11:00:00Z' }],
  );
const stateOf = (events: CandidateStreamEvent[]) => foldEvents(interviewDecider, events);

describe('interview day agenda', () => {
  it("lists sessions and breaks in order, in the candidate's time zone", () => {
    expect(agendaText(interviewDayAgenda(stateOf([tuesday('Europe/London')]), 'd-1'))).toBe(
      [
        'Your interview day: Tuesday, 31 March 2026',
        'Times are in Europe/London (GMT+01:00).',
        '',
        '09:00–10:00  Coding (in person, HQ, 5th floor)',
        '10:00–11:00  System design (video, https://meet.example.org/x)',
        '11:00–12:00  Lunch',
        '12:00–12:45  Meet the team (phone)',
      ].join('\n'),
    );
  });

  it('shows the same day to a candidate in New York on their clock', () => {
    const agenda = interviewDayAgenda(stateOf([tuesday('America/New_York')]), 'd-1');
    expect(agenda.heading).toBe('Tuesday, 31 March 2026');
    expect(agenda.items.map((i) => `${i.start}–${i.end} ${i.utcOffset} ${i.title}`)).toEqual([
      '04:00–05:00 GMT-04:00 Coding',
      '05:00–06:00 GMT-04:00 System design',
      '06:00–07:00 GMT-04:00 Lunch',
      '07:00–07:45 GMT-04:00 Meet the team',
    ]);
  });

  it('marks a cancelled session', () => {
    const cancelled: CandidateStreamEvent = {
      type: 'InterviewCancelled',
      data: { candidateId, interviewId: 's-2', reason: 'interviewer ill' },
    };
    const text = agendaText(
      interviewDayAgenda(stateOf([tuesday('Europe/London'), cancelled]), 'd-1'),
    );
    expect(text).toContain(
      '10:00–11:00  System design (video, https://meet.example.org/x) — cancelled',
    );
  });

  it('says so on a line whose offset or date differs, across a clock change and midnight', () => {
    // A late-night day in London across midnight and the spring-forward change (01:00 UTC, 29 March):
    // the half-hour break reads 00:30–02:00 on the wall clock.
    const acrossTheChange = day(
      'Europe/London',
      [
        session('s-1', 'Night shift chat', '2026-03-28T23:30:00Z', '2026-03-29T00:30:00Z', phone),
        session('s-2', 'Ops review', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z', phone),
      ],
      [{ title: 'Break', startsAt: '2026-03-29T00:30:00Z', endsAt: '2026-03-29T01:00:00Z' }],
    );
    expect(agendaText(interviewDayAgenda(stateOf([acrossTheChange]), 'd-1'))).toBe(
      [
        'Your interview day: Saturday, 28 March 2026',
        'Times are in Europe/London (GMT).',
        '',
        '23:30–00:30  Night shift chat (phone)',
        '00:30–02:00 [2026-03-29]  Break',
        '02:00–03:00 [2026-03-29 GMT+01:00]  Ops review (phone)',
      ].join('\n'),
    );
  });

  it('refuses a day that does not exist', () => {
    expect(() => interviewDayAgenda(stateOf([]), 'd-9')).toThrow(AggregateNotFoundError);
  });
});
