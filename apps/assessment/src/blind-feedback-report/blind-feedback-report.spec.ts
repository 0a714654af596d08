import type { RecordedEvent } from '@hirestream/event-sourcing';
import { candidateStreamFacts, recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import { blindFeedbackReport, type ReportedEvent } from './blind-feedback-report';

const candidateId = 'c-1';
const interviewId = 'i-1';
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 10, minute)).toISOString();

/** The events as the stream holds them, a minute apart. */
function stream(...events: ReportedEvent[]): RecordedEvent<ReportedEvent>[] {
  return events.map((event, i) => recordedEvent(i, event, { occurredAt: at(i) }));
}

const facts = candidateStreamFacts(candidateId);
const scheduled = facts.scheduled(interviewId, ['grace', 'alan']);
const submitted = (interviewerId: string) => facts.submitted(interviewId, interviewerId);
const revealed = (readerId: string, ...authors: string[]): ReportedEvent => ({
  type: 'FeedbackRevealed',
  data: {
    candidateId,
    readerId,
    readerRole: readerId === 'hm' ? 'hiring-manager' : 'interviewer',
    revealed: authors.map((interviewerId) => ({ interviewId, interviewerId })),
  },
});

describe('blind-feedback report', () => {
  it('finds every recommendation blind when each panelist read only after submitting', () => {
    const report = blindFeedbackReport(
      candidateId,
      stream(
        scheduled,
        facts.completed(interviewId),
        submitted('alan'),
        revealed('hm', 'alan'),
        submitted('grace'),
        revealed('grace', 'alan'),
      ),
    );
    expect(report).toEqual({
      candidateId,
      reveals: [
        {
          revision: '3',
          at: at(3),
          readerId: 'hm',
          readerRole: 'hiring-manager',
          interviewId,
          interviewerId: 'alan',
          readerSubmittedFirst: null,
        },
        {
          revision: '5',
          at: at(5),
          readerId: 'grace',
          readerRole: 'interviewer',
          interviewId,
          interviewerId: 'alan',
          readerSubmittedFirst: true,
        },
      ],
      recommendations: [
        {
          revision: '2',
          at: at(2),
          interviewId,
          interviewerId: 'alan',
          kind: 'submitted',
          seenBefore: [],
        },
        {
          revision: '4',
          at: at(4),
          interviewId,
          interviewerId: 'grace',
          kind: 'submitted',
          seenBefore: [],
        },
      ],
      everyPanelistRevealAfterOwnSubmission: true,
      everySubmissionBlind: true,
    });
  });

  it("shows a panelist who saw someone's feedback before giving their own, and what an amendment followed", () => {
    const report = blindFeedbackReport(
      candidateId,
      stream(
        scheduled,
        submitted('alan'),
        revealed('grace', 'alan'),
        submitted('grace'),
        revealed('alan', 'grace'),
        facts.amended(interviewId, 'alan'),
      ),
    );
    expect(report.reveals.map((r) => [r.readerId, r.readerSubmittedFirst])).toEqual([
      ['grace', false],
      ['alan', true],
    ]);
    expect(report.recommendations).toEqual([
      expect.objectContaining({ interviewerId: 'alan', kind: 'submitted', seenBefore: [] }),
      expect.objectContaining({
        interviewerId: 'grace',
        kind: 'submitted',
        seenBefore: [{ interviewId, interviewerId: 'alan', revision: '2', at: at(2) }],
      }),
      expect.objectContaining({
        interviewerId: 'alan',
        kind: 'amended',
        seenBefore: [{ interviewId, interviewerId: 'grace', revision: '4', at: at(4) }],
      }),
    ]);
    expect(report.everyPanelistRevealAfterOwnSubmission).toBe(false);
    expect(report.everySubmissionBlind).toBe(false);
  });
});
