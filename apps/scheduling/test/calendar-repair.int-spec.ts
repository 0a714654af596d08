import {
  candidateStreamName,
  interviewerCalendarStreamName,
  type InterviewerCalendarEvent,
  type InterviewEvent,
} from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CalendarRepairTimer } from '../src/calendar-repair/calendar-repair.timer';
import { interviewer, schedulingFixtures } from './support/scheduling-fixtures';
import { useServiceApp } from '@hirestream/testing';

let repairs: CalendarRepairTimer;

const context: CommandContext = {
  actor: { id: 'test', role: 'system' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
};

const scheduling = useServiceApp('scheduling');
const fixtures = schedulingFixtures(() => scheduling.store);
let coordinator: string;
beforeAll(async () => {
  coordinator = await scheduling.bearer('coordinator');
});

beforeAll(() => {
  repairs = scheduling.app.get(CalendarRepairTimer);
});

async function schedule(candidateId: string, lead: string): Promise<string> {
  const response = await scheduling.inject({
    method: 'POST',
    url: `/candidates/${candidateId}/interviews`,
    payload: {
      kind: 'technical',
      round: 1,
      format: 'video',
      startsAt: '2030-03-04T09:00:00Z',
      endsAt: '2030-03-04T10:00:00Z',
      candidateTimeZone: 'Europe/London',
      videoLink: 'https://meet.example.org/abc',
      panel: [{ interviewerId: lead, role: 'lead' }],
    },
    headers: { authorization: coordinator },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ interviewId: string }>().interviewId;
}

async function appendAtEnd(streamName: string, event: InterviewEvent | InterviewerCalendarEvent) {
  const { revision } = await scheduling.store.readStream(streamName);
  await scheduling.store.append(streamName, [event], revision, context);
}

/** A slot written straight to the calendar stream, as a booking whose compensation failed leaves it. */
async function reserveDirectly(
  lead: string,
  candidateId: string,
  interviewId: string,
  startsAt: string,
) {
  const event: InterviewerCalendarEvent = {
    type: 'InterviewerSlotReserved',
    data: {
      interviewerId: lead,
      interviewId,
      candidateId,
      startsAt,
      endsAt: startsAt.replace('T09', 'T10'),
      override: null,
    },
  };
  await appendAtEnd(interviewerCalendarStreamName(lead), event);
}

/** Repair passes (no grace) until the calendar shows `expected`; the projections catch up meanwhile. */
async function repairUntil(lead: string, expected: string[]): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    await repairs.repair(0);
    const starts = await fixtures.slotStarts(lead);
    if (JSON.stringify(starts) === JSON.stringify(expected) || attempt === 40) return starts;
    await sleep(50);
  }
}

describe('calendar repair', () => {
  it('releases a slot whose booking was never recorded for the candidate', async () => {
    const lead = interviewer('lead');
    await reserveDirectly(
      lead,
      await fixtures.interviewingCandidate(),
      randomUUID(),
      '2030-03-05T09:00:00Z',
    );
    expect(await repairUntil(lead, [])).toEqual([]);
  });

  it('frees the slots of an interview cancelled without freeing them', async () => {
    const lead = interviewer('lead');
    const candidateId = await fixtures.interviewingCandidate();
    const interviewId = await schedule(candidateId, lead);
    const cancelled: InterviewEvent = {
      type: 'InterviewCancelled',
      data: { candidateId, interviewId, reason: 'role filled' },
    };
    await appendAtEnd(candidateStreamName(candidateId), cancelled);
    expect(await repairUntil(lead, [])).toEqual([]);
  });

  it('moves a slot back to the time the candidate stream has for the interview', async () => {
    const lead = interviewer('lead');
    const candidateId = await fixtures.interviewingCandidate();
    const interviewId = await schedule(candidateId, lead);
    await reserveDirectly(lead, candidateId, interviewId, '2030-03-06T09:00:00Z');
    expect(await repairUntil(lead, ['2030-03-04T09:00:00.000Z'])).toEqual([
      '2030-03-04T09:00:00.000Z',
    ]);
  });

  it('repairs nothing within the grace period, nor any slot that agrees with its interview', async () => {
    const lead = interviewer('lead');
    const candidateId = await fixtures.interviewingCandidate();
    await schedule(candidateId, lead);
    const orphan = interviewer('orphan');
    await reserveDirectly(orphan, candidateId, randomUUID(), '2030-03-05T09:00:00Z');
    for (let pass = 0; pass < 10; pass += 1) {
      await repairs.repair();
      await sleep(50);
    }
    expect(await fixtures.slotStarts(orphan)).toEqual(['2030-03-05T09:00:00.000Z']);
    expect(await repairUntil(orphan, [])).toEqual([]);
    expect(await fixtures.slotStarts(lead)).toEqual(['2030-03-04T09:00:00.000Z']);
  });
});
