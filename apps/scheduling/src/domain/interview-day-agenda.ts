import { AggregateNotFoundError, localSpan } from '@hirestream/contracts';
import type { InterviewFormat } from '@hirestream/contracts';
import { intervalOf } from './intervals';
import type { CandidateInterviews } from './interview.state';

/** One line of the agenda, with times as the candidate's clock shows them. */
export type AgendaItem = Readonly<{
  kind: 'session' | 'break';
  title: string;
  /** `YYYY-MM-DD`, `HH:MM` and `GMT+01:00` in the candidate's zone. */
  date: string;
  start: string;
  end: string;
  utcOffset: string;
  format: InterviewFormat | null;
  /** The location or video link; null for a phone call or a break. */
  where: string | null;
  cancelled: boolean;
}>;

export type InterviewDayAgenda = Readonly<{
  dayId: string;
  timeZone: string;
  /** The day as a heading, `Tuesday, 31 March 2026`, in the candidate's zone. */
  heading: string;
  items: readonly AgendaItem[];
}>;

/** The agenda the candidate is sent for an interview day, from its current state. */
export function interviewDayAgenda(state: CandidateInterviews, dayId: string): InterviewDayAgenda {
  const day = state.days.get(dayId);
  if (day === undefined) throw new AggregateNotFoundError(`interview day ${dayId} does not exist`);
  const timeZone = day.candidateTimeZone;
  const local = (startsAt: string, endsAt: string) => {
    const { start, end } = intervalOf({ startsAt, endsAt });
    return { ...localSpan(start, end, timeZone), at: start };
  };
  const sessions = day.sessionIds.flatMap((id) => {
    const session = state.interviews.get(id);
    return session === undefined || session.day === null
      ? []
      : [
          {
            kind: 'session' as const,
            title: session.day.title,
            ...local(session.startsAt, session.endsAt),
            format: session.format,
            where: session.format === 'in-person' ? session.location : session.videoLink,
            cancelled: session.status === 'cancelled',
          },
        ];
  });
  const breaks = day.breaks.map((pause) => ({
    kind: 'break' as const,
    title: pause.title,
    ...local(pause.startsAt, pause.endsAt),
    format: null,
    where: null,
    cancelled: false,
  }));
  const ordered = [...sessions, ...breaks].sort((a, b) => a.at - b.at);
  const heading = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(ordered[0].at);
  return { dayId, timeZone, heading, items: ordered.map(({ at: _at, ...item }) => item) };
}

const FORMAT_LABELS: Readonly<Record<InterviewFormat, string>> = {
  phone: 'phone',
  video: 'video',
  'in-person': 'in person',
};

/**
 * The agenda as plain text. The zone and its offset are stated once; a line
 * whose offset or date differs from the first (a day across a clock change or
 * midnight) says so, so no time on the page can be misread.
 */
export function agendaText(agenda: InterviewDayAgenda): string {
  const [first] = agenda.items;
  const lines = agenda.items.map((item) => {
    const setting =
      item.format === null
        ? ''
        : ` (${[FORMAT_LABELS[item.format], item.where].filter((s) => s !== null).join(', ')})`;
    const elsewhere = [
      item.date === first.date ? null : item.date,
      item.utcOffset === first.utcOffset ? null : item.utcOffset,
    ].filter((s) => s !== null);
    const note = elsewhere.length > 0 ? ` [${elsewhere.join(' ')}]` : '';
    return `${item.start}–${item.end}${note}  ${item.title}${setting}${item.cancelled ? ' — cancelled' : ''}`;
  });
  return [
    `Your interview day: ${agenda.heading}`,
    `Times are in ${agenda.timeZone} (${first.utcOffset}).`,
    '',
    ...lines,
  ].join('\n');
}
