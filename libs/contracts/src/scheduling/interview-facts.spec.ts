import {
  evolveInterviewFacts,
  NO_INTERVIEWS,
  sitsOnPanel,
  type InterviewFacts,
} from './interview-facts';
import type { InterviewEvent } from './scheduling-contracts';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const first = '1f8fad5b-d9cb-469f-a165-70867728950e';
const second = '2f8fad5b-d9cb-469f-a165-70867728950e';
const setting = {
  kind: 'technical',
  round: 2,
  format: 'video',
  location: null,
  videoLink: 'https://meet.example.org/x',
  panel: [
    { interviewerId: 'ada', role: 'lead' },
    { interviewerId: 'grace', role: 'shadow' },
  ],
} as const;

const fold = (events: InterviewEvent[]): InterviewFacts =>
  events.reduce(evolveInterviewFacts, NO_INTERVIEWS);

describe('the interview facts other services read from the candidate stream', () => {
  it('knows each interview of a single booking and of a day, with kind, round and panel', () => {
    const facts = fold([
      {
        type: 'InterviewScheduled',
        data: {
          candidateId,
          interviewId: first,
          ...setting,
          startsAt: '2030-03-04T09:00:00Z',
          endsAt: '2030-03-04T10:00:00Z',
          candidateTimeZone: 'Europe/London',
        },
      },
      {
        type: 'InterviewDayScheduled',
        data: {
          candidateId,
          dayId: '3f8fad5b-d9cb-469f-a165-70867728950e',
          candidateTimeZone: 'Europe/London',
          sessions: [
            {
              interviewId: second,
              title: 'System design',
              ...setting,
              round: 3,
              startsAt: '2030-03-05T09:00:00Z',
              endsAt: '2030-03-05T10:00:00Z',
            },
          ],
          breaks: [],
        },
      },
    ]);
    expect([...facts.keys()]).toEqual([first, second]);
    expect(facts.get(second)).toMatchObject({ kind: 'technical', round: 3, outcome: 'open' });
    expect(sitsOnPanel(facts.get(first)!, 'grace')).toBe(true);
    expect(sitsOnPanel(facts.get(first)!, 'linus')).toBe(false);
  });

  it('follows how each interview ends and where it moved', () => {
    const scheduled = (interviewId: string): InterviewEvent => ({
      type: 'InterviewScheduled',
      data: {
        candidateId,
        interviewId,
        ...setting,
        startsAt: '2030-03-04T09:00:00Z',
        endsAt: '2030-03-04T10:00:00Z',
        candidateTimeZone: 'Europe/London',
      },
    });
    const facts = fold([
      scheduled(first),
      scheduled(second),
      {
        type: 'InterviewRescheduled',
        data: {
          candidateId,
          interviewId: first,
          version: 2,
          startsAt: '2030-03-06T09:00:00Z',
          endsAt: '2030-03-06T10:00:00Z',
          reason: 'Clash',
        },
      },
      { type: 'InterviewCompleted', data: { candidateId, interviewId: first } },
      {
        type: 'NoShowRecorded',
        data: { candidateId, interviewId: second, party: 'interviewer', interviewerId: 'grace' },
      },
    ]);
    expect(facts.get(first)).toMatchObject({
      outcome: 'completed',
      startsAt: '2030-03-06T09:00:00Z',
    });
    expect(facts.get(second)?.outcome).toBe('no-show');
  });

  it('passes over an event about an interview it never saw scheduled', () => {
    const facts = fold([
      { type: 'InterviewCancelled', data: { candidateId, interviewId: first, reason: 'x' } },
    ]);
    expect(facts.size).toBe(0);
  });
});
