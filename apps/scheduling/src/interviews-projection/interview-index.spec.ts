import type { EventMetadata } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';
import type { CandidateStreamEvent } from '../domain/interview.decider';
import { InterviewsProjection } from './interviews.projection';

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

describe('interviews projection', () => {
  it("follows each candidate's interviews, at the revision of the whole stream", () => {
    const projection = new InterviewsProjection();
    projection.apply(
      recorded('c-1', 0n, interviewScheduled('c-1', 'i-1', ['grace'], '2030-03-04T09:00:00Z')),
    );
    // Another service's fact in the shared stream moves the revision, not the interviews.
    projection.apply(recorded('c-1', 1n, { type: 'AssessmentBooked', data: {} }));
    projection.apply(
      recorded('c-1', 2n, {
        type: 'InterviewCancelled',
        data: { candidateId: 'c-1', interviewId: 'i-1', reason: 'role filled' },
      }),
    );
    const read = projection.candidate('c-1');
    expect(read?.revision).toBe(2n);
    expect(read?.state.interviews.get('i-1')).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'role filled',
    });
    expect(projection.candidate('c-2')).toBeUndefined();
  });

  it('finds the interviews each interviewer sits on, across candidates, and only those', () => {
    const projection = new InterviewsProjection();
    projection.apply(
      recorded(
        'c-1',
        0n,
        interviewScheduled('c-1', 'i-1', ['grace', 'alan'], '2030-03-04T09:00:00Z'),
      ),
    );
    projection.apply(
      recorded('c-1', 1n, interviewScheduled('c-1', 'i-2', ['alan'], '2030-03-05T09:00:00Z')),
    );
    projection.apply(
      recorded('c-2', 0n, interviewScheduled('c-2', 'i-3', ['grace'], '2030-03-06T09:00:00Z')),
    );
    const ids = (interviewerId: string) =>
      projection
        .interviewsOf(interviewerId)
        .map(({ candidateId, interview }) => `${candidateId}/${interview.interviewId}`)
        .sort();
    expect(ids('grace')).toEqual(['c-1/i-1', 'c-2/i-3']);
    expect(ids('alan')).toEqual(['c-1/i-1', 'c-1/i-2']);
    expect(ids('barbara')).toEqual([]);
  });

  it('lets a read wait for the writes this service made, and no longer than the timeout', async () => {
    const projection = new InterviewsProjection();
    projection.noteWritten('c-1', 0n);
    let settled = false;
    const waiting = projection.afterOwnWrites(5_000, 'c-1').then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    projection.apply(
      recorded('c-1', 0n, interviewScheduled('c-1', 'i-1', ['grace'], '2030-03-04T09:00:00Z')),
    );
    await waiting;
    expect(projection.candidate('c-1')?.state.interviews.has('i-1')).toBe(true);

    projection.noteWritten('c-2', 3n);
    const started = Date.now();
    await projection.afterOwnWrites(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    // A write given up on is not waited for again.
    await expect(
      Promise.race([
        projection.afterOwnWrites(5_000).then(() => 'done'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 20)),
      ]),
    ).resolves.toBe('done');
  });

  it('waits only for the writes noted before the read, however busy the service is', async () => {
    const projection = new InterviewsProjection();
    projection.noteWritten('c-1', 0n);
    const waiting = projection.afterOwnWrites(5_000);
    projection.noteWritten('c-2', 0n);
    projection.apply(
      recorded('c-1', 0n, interviewScheduled('c-1', 'i-1', ['grace'], '2030-03-04T09:00:00Z')),
    );
    await expect(
      Promise.race([
        waiting.then(() => 'done'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
      ]),
    ).resolves.toBe('done');
  });
});
