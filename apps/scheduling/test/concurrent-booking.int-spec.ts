import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { interviewer, schedulingFixtures } from './support/scheduling-fixtures';
import { useServiceApp } from '@hirestream/testing';

// Panelists' calendars are reserved concurrently: a refusal anywhere must still
// leave every other calendar as it was, and one interviewer's time must still
// go to exactly one of many concurrent requests.

type Problem = { status: number; rule?: string; detail?: string };
type Calendar = { availability: unknown; bookings: { interviewId: string }[] };
type Response = Awaited<ReturnType<NestFastifyApplication['inject']>>;

const scheduling = useServiceApp('scheduling');
const fixtures = schedulingFixtures(() => scheduling.store);
let coordinator: string;
beforeAll(async () => {
  coordinator = await scheduling.bearer('coordinator');
});

/** Candidates in `interviewing`, written one after another. */
async function interviewingCandidates(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await fixtures.interviewingCandidate());
  return ids;
}

async function schedule(
  candidateId: string,
  panel: { interviewerId: string; role: string }[],
  startsAt = '2030-03-04T09:00:00.000Z',
) {
  return scheduling.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interviews`,
    payload: {
      kind: 'technical',
      round: 1,
      format: 'video',
      videoLink: 'https://meet.example.org/abc',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
      candidateTimeZone: 'Europe/London',
      panel,
    },
    headers: { authorization: coordinator },
  });
}

/**
 * The interviewer's calendar from the (eventually consistent) projection, once
 * it has caught up with everything written so far: availability is set now, as
 * a marker, and the projection folds `$all` in order, so once it shows the
 * marker it has folded every earlier reservation and release.
 */
async function settledCalendar(interviewerId: string): Promise<Calendar> {
  const marker = await scheduling.inject({
    method: 'PUT',
    url: `/interviewers/${interviewerId}/availability`,
    payload: {
      timeZone: 'Europe/London',
      workingHours: [{ weekday: 1, start: '08:00', end: '18:00' }],
      dailyInterviewLimit: 20,
    },
    headers: { authorization: coordinator },
  });
  expect(marker.statusCode).toBeLessThan(300);
  for (let attempt = 0; ; attempt += 1) {
    const calendar = (
      await scheduling.inject({
        method: 'GET',
        url: `/interviewers/${interviewerId}/calendar?from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z`,
        headers: { authorization: coordinator },
      })
    ).json<Calendar>();
    if (calendar.availability !== null || attempt === 100) return calendar;
    await sleep(50);
  }
}

/** Books the interviewer alone for the candidate; returns the interview id. */
async function bookAlone(candidateId: string, interviewerId: string): Promise<string> {
  const response = await schedule(candidateId, [{ interviewerId, role: 'lead' }]);
  expect(response.statusCode).toBe(201);
  return response.json<{ interviewId: string }>().interviewId;
}

/** A 409 naming the interviewer and the interview their calendar already holds. */
function expectDoubleBooked(response: Response, interviewerId: string, clashId: string): void {
  expect(response.statusCode).toBe(409);
  const problem = response.json<Problem>();
  expect(problem.rule).toBe('interviewer-double-booked');
  expect(problem.detail).toContain(interviewerId);
  expect(problem.detail).toContain(clashId);
}

describe('booking panels concurrently', () => {
  it("refuses a panel whose last member is booked, naming the clash, and leaves the others' calendars empty", async () => {
    const [first, second] = await interviewingCandidates(2);
    const [lead, notes, busy] = [interviewer('lead'), interviewer('notes'), interviewer('busy')];
    const bookedId = await bookAlone(first, busy);

    const refused = await schedule(second, [
      { interviewerId: lead, role: 'lead' },
      { interviewerId: notes, role: 'note-taker' },
      { interviewerId: busy, role: 'shadow' },
    ]);

    expectDoubleBooked(refused, busy, bookedId);
    expect((await settledCalendar(lead)).bookings).toEqual([]);
    expect((await settledCalendar(notes)).bookings).toEqual([]);
    expect((await settledCalendar(busy)).bookings.map((b) => b.interviewId)).toEqual([bookedId]);
  });

  it('names the clash of the earliest panelist when several are booked, whichever calendar answers first', async () => {
    const [first, second, third] = await interviewingCandidates(3);
    const [lead, early, late] = [interviewer('lead'), interviewer('early'), interviewer('late')];
    const earlyId = await bookAlone(first, early);
    await bookAlone(second, late);

    const refused = await schedule(third, [
      { interviewerId: lead, role: 'lead' },
      { interviewerId: early, role: 'shadow' },
      { interviewerId: late, role: 'shadow' },
    ]);

    expectDoubleBooked(refused, early, earlyId);
    expect((await settledCalendar(lead)).bookings).toEqual([]);
  });

  it('gives one interviewer’s time to exactly one of many concurrent requests', async () => {
    const candidates = await interviewingCandidates(8);
    const contested = interviewer('contested');
    const noteTakers = candidates.map(() => interviewer('notes'));

    const responses = await Promise.all(
      candidates.map((candidateId, i) =>
        schedule(candidateId, [
          { interviewerId: noteTakers[i], role: 'note-taker' },
          { interviewerId: contested, role: 'lead' },
        ]),
      ),
    );

    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(candidates.length - 1);
    const refusals = responses.filter((response) => response.statusCode === 409);
    expect(refusals.map((response) => response.json<Problem>().rule)).toEqual(
      refusals.map(() => 'interviewer-double-booked'),
    );
    const winner = statuses.indexOf(201);
    const winnerId = responses[winner].json<{ interviewId: string }>().interviewId;
    expect((await settledCalendar(contested)).bookings.map((b) => b.interviewId)).toEqual([
      winnerId,
    ]);
    for (const [i, noteTaker] of noteTakers.entries()) {
      expect((await settledCalendar(noteTaker)).bookings.map((b) => b.interviewId)).toEqual(
        i === winner ? [winnerId] : [],
      );
    }
  });

  it('keeps refusing clashes once a long calendar is loaded from its snapshot', async () => {
    const [candidateId] = await interviewingCandidates(1);
    const lead = interviewer('busy');
    const hour = (n: number) => new Date(Date.parse('2030-05-01T00:00:00Z') + n * 3_600_000);
    // 55 bookings: the 51st load folds 50 calendar events and stores a snapshot.
    const booked: string[] = [];
    for (let n = 0; n < 55; n += 1) {
      const response = await schedule(
        candidateId,
        [{ interviewerId: lead, role: 'lead' }],
        hour(n).toISOString(),
      );
      expect(response.statusCode).toBe(201);
      booked.push(response.json<{ interviewId: string }>().interviewId);
    }
    const snapshots = scheduling.store.client.readStream(
      `snapshot-interviewer-calendar-interviewer-calendar-${lead}`,
    );
    const stored: unknown[] = [];
    for await (const resolved of snapshots) stored.push(resolved.event?.type);
    expect(stored).toEqual(['SnapshotStored']);

    const [other] = await interviewingCandidates(1);
    const clash = await schedule(
      other,
      [{ interviewerId: lead, role: 'lead' }],
      hour(3).toISOString(),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json<Problem>().detail).toContain(booked[3]);
    const free = await schedule(
      other,
      [{ interviewerId: lead, role: 'lead' }],
      hour(60).toISOString(),
    );
    expect(free.statusCode).toBe(201);
  });
});
