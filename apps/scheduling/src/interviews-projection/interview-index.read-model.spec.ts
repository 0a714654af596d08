import type { EventMetadata } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { InterviewIndex } from './interview-index.read-model';

const metadata: EventMetadata = {
  eventId: 'e',
  occurredAt: '2030-03-01T00:00:00Z',
  actor: { id: 'coordinator-1', role: 'coordinator' },
  correlationId: 'c',
  causationId: 'c',
  schemaVersion: 1,
};

function recorded(
  candidateId: string,
  revision: bigint,
  event: CandidateStreamEvent | { type: 'AssessmentBooked'; data: object },
): RecordedEvent<CandidateStreamEvent> {
  return {
    event: event as CandidateStreamEvent,
    metadata,
    streamName: `candidate-${candidateId}`,
    revision,
    position: undefined,
  };
}

const interviewScheduled = (
  candidateId: string,
  interviewId: string,
  panel: readonly string[],
  startsAt: string,
): CandidateStreamEvent => ({
  type: 'InterviewScheduled',
  data: {
    candidateId,
    interviewId,
    kind: 'technical',
    round: 1,
    format: 'video',
    location: null,
    videoLink: 'https://meet.example.org/x',
    panel: panel.map((interviewerId, i) => ({
      interviewerId,
      role: i === 0 ? 'lead' : 'note-taker',
    })),
    startsAt,
    endsAt: startsAt.replace('T09', 'T10'),
    candidateTimeZone: 'Europe/London',
  },
});

describe('interview index', () => {
  it("follows each candidate's interviews, at the revision of the whole stream", () => {
    const index = new InterviewIndex();
    index.apply(
      recorded('c-1', 0n, interviewScheduled('c-1', 'i-1', ['grace'], '2030-03-04T09:00:00Z')),
    );
    // Another service's fact in the shared stream moves the revision, not the interviews.
    index.apply(recorded('c-1', 1n, { type: 'AssessmentBooked', data: {} }));
    index.apply(
      recorded('c-1', 2n, {
        type: 'InterviewCancelled',
        data: { candidateId: 'c-1', interviewId: 'i-1', reason: 'role filled' },
      }),
    );
    const read = index.candidate('c-1');
    expect(read?.revision).toBe(2n);
    expect(read?.state.interviews.get('i-1')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'role filled',
    });
    expect(index.candidate('c-2')).toBeUndefined();
  });

  it('finds the interviews each interviewer sits on, across candidates, and only those', () => {
    const index = new InterviewIndex();
    index.apply(
      recorded(
        'c-1',
        0n,
        interviewScheduled('c-1', 'i-1', ['grace', 'alan'], '2030-03-04T09:00:00Z'),
      ),
    );
    index.apply(
      recorded('c-1', 1n, interviewScheduled('c-1', 'i-2', ['alan'], '2030-03-05T09:00:00Z')),
    );
    index.apply(
      recorded('c-2', 0n, interviewScheduled('c-2', 'i-3', ['grace'], '2030-03-06T09:00:00Z')),
    );
    const ids = (interviewerId: string) =>
      index
        .interviewsOf(interviewerId)
        .map(({ candidateId, interview }) => `${candidateId}/${interview.interviewId}`)
        .sort();
    expect(ids('grace')).toEqual(['c-1/i-1', 'c-2/i-3']);
    expect(ids('alan')).toEqual(['c-1/i-1', 'c-1/i-2']);
    expect(ids('barbara')).toEqual([]);
  });
});
