import type { InterviewerCalendarEvent } from '@hirestream/contracts';
import { PostgresProjectionHost, postgresProjection } from '@hirestream/read-models';
import { Injectable } from '@nestjs/common';
import type { Interval } from '../domain/intervals';
import type { Availability } from '../domain/working-hours';
import {
  CALENDAR_EVENT_TYPES,
  calendarChanges,
  type SlotRow,
} from './interviewer-calendars.read-model';

type Tables = 'availabilities' | 'slots';

const calendars = postgresProjection<Tables, InterviewerCalendarEvent>({
  name: 'interviewer-calendars',
  version: 1,
  tables: ['availabilities', 'slots'],
  select: { eventTypes: CALENDAR_EVENT_TYPES },
  migrations: ({ availabilities, slots }) => [
    `create table ${availabilities} (interviewer_id text primary key, availability jsonb not null)`,
    `create table ${slots} (
       interviewer_id text not null,
       interview_id uuid not null,
       candidate_id uuid not null,
       starts_at timestamptz not null,
       ends_at timestamptz not null,
       primary key (interviewer_id, interview_id)
     )`,
    `create index on ${slots} (interviewer_id, starts_at)`,
    `create index on ${slots} (ends_at)`,
  ],
  apply: async (sql, { availabilities, slots }, events) => {
    const changes = calendarChanges(events);
    if (changes.availabilities.length > 0) {
      await sql.query(
        `insert into ${availabilities} (interviewer_id, availability)
         select * from unnest($1::text[], $2::jsonb[])
         on conflict (interviewer_id) do update set availability = excluded.availability`,
        [
          changes.availabilities.map((a) => a.interviewerId),
          changes.availabilities.map((a) => JSON.stringify(a.availability)),
        ],
      );
    }
    if (changes.freed.length > 0) {
      await sql.query(
        `delete from ${slots} s using unnest($1::text[], $2::uuid[]) as f(interviewer_id, interview_id)
         where s.interviewer_id = f.interviewer_id and s.interview_id = f.interview_id`,
        [changes.freed.map((f) => f.interviewerId), changes.freed.map((f) => f.interviewId)],
      );
    }
    if (changes.held.length > 0) {
      await sql.query(
        `insert into ${slots} (interviewer_id, interview_id, candidate_id, starts_at, ends_at)
         select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[])
         on conflict (interviewer_id, interview_id)
         do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at`,
        [
          changes.held.map((h) => h.interviewerId),
          changes.held.map((h) => h.interviewId),
          changes.held.map((h) => h.candidateId),
          changes.held.map((h) => h.startsAt),
          changes.held.map((h) => h.endsAt),
        ],
      );
    }
  },
});

/** An interviewer's calendar as the projection has it: availability, and the slots asked for. */
export type CalendarRead = Readonly<{
  availability: Availability | null;
  slots: readonly (SlotRow & Readonly<{ interval: Interval }>)[];
}>;

type SlotResult = {
  interviewer_id: string;
  interview_id: string;
  candidate_id: string;
  starts_at: Date;
  ends_at: Date;
};

function slotOf(row: SlotResult): SlotRow & Readonly<{ interval: Interval }> {
  return {
    interviewerId: row.interviewer_id,
    interviewId: row.interview_id,
    candidateId: row.candidate_id,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    interval: { start: row.starts_at.getTime(), end: row.ends_at.getTime() },
  };
}

/**
 * Every interviewer's calendar in PostgreSQL, folded from the calendar streams.
 * Eventually consistent: bookings are guarded by the calendar streams, never by it.
 */
@Injectable()
export class InterviewerCalendarsProjection extends PostgresProjectionHost(calendars) {
  /** The interviewer's availability and the slots overlapping [from, to), earliest first. */
  calendarOf(interviewerId: string, from: string, to: string): Promise<CalendarRead> {
    return this.read(async (sql, { availabilities, slots }) => {
      const [availability, held] = await Promise.all([
        sql.query<{ availability: Availability }>(
          `select availability from ${availabilities} where interviewer_id = $1`,
          [interviewerId],
        ),
        sql.query<SlotResult>(
          `select * from ${slots} where interviewer_id = $1 and starts_at < $3 and ends_at > $2
           order by starts_at, interview_id`,
          [interviewerId, from, to],
        ),
      ]);
      return {
        availability: availability.rows[0]?.availability ?? null,
        slots: held.rows.map(slotOf),
      };
    });
  }

  /** Slots still to come or just past (ending after `since`), for the repair to compare. */
  slotsEndingAfter(since: string): Promise<CalendarRead['slots']> {
    return this.read(async (sql, { slots }) => {
      const { rows } = await sql.query<SlotResult>(
        `select * from ${slots} where ends_at > $1 order by interviewer_id, interview_id`,
        [since],
      );
      return rows.map(slotOf);
    });
  }
}
