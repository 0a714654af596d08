import type { CandidateEvent } from '@hirestream/contracts';
import { processSpecification } from '@hirestream/event-sourcing';
import type { InterviewCommand } from '../domain/interview.commands';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import { CANCELLED_INTERVIEW_RELEASE, calendarHoldProcess } from './calendar-hold.process';

const spec = processSpecification(interviewDecider, calendarHoldProcess);
const candidateId = 'c-1';
const now = '2030-03-01T12:00:00Z';
const interviewing: CandidateEvent[] = [
  {
    type: 'CandidateRegistered',
    data: {
      candidateId,
      personId: 'p-1',
      fullName: 'Ada Lovelace',
      email: 'ada@example.org',
      phone: null,
      jobId: 'job-7',
      source: 'referral',
      resumeRef: null,
    },
  },
  { type: 'CandidateStageChanged', data: { candidateId, from: 'applied', to: 'interviewing' } },
];
const setting = {
  kind: 'technical',
  round: 1,
  format: 'video',
  location: null,
  videoLink: 'https://meet.example.org/x',
  panel: [
    { interviewerId: 'grace', role: 'lead' },
    { interviewerId: 'alan', role: 'note-taker' },
  ],
} as const;
const nineToTen = { startsAt: '2030-03-04T09:00:00Z', endsAt: '2030-03-04T10:00:00Z' };
const scheduledData = {
  candidateId,
  interviewId: 'i-1',
  ...setting,
  ...nineToTen,
  candidateTimeZone: 'Europe/London',
};
const scheduled: CandidateStreamEvent = { type: 'InterviewScheduled', data: scheduledData };
const override = { reason: 'the only day the panel can' };
const reserve = (
  interviewerId: string,
  time: typeof nineToTen,
  at = now,
  why: Readonly<{ reason: string }> | null = override,
) => ({
  type: 'ReserveInterviewerSlot' as const,
  data: { interviewerId, candidateId, interviewId: 'i-1', ...time, now: at, override: why },
});
const release = (interviewerId: string, reason: string) => ({
  type: 'ReleaseInterviewerSlot' as const,
  data: { interviewerId, interviewId: 'i-1', reason },
});

describe('calendar hold', () => {
  it("reserves each panelist's slot before a booking is recorded, released again if it is not", () => {
    const command: InterviewCommand = {
      type: 'ScheduleInterview',
      data: { ...scheduledData, now, override },
    };
    spec
      .given(interviewing)
      .when(command)
      .then({
        before: ['grace', 'alan'].map((id) => ({
          command: reserve(id, nineToTen),
          undo: release(id, 'the booking was not recorded'),
        })),
        after: [],
      });
  });

  it('moves the slots to a new time first, and back to the old one if the move is not recorded', () => {
    const tenToEleven = { startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T11:00:00Z' };
    spec
      .given([...interviewing, scheduled])
      .when({
        type: 'RescheduleInterview',
        data: {
          candidateId,
          interviewId: 'i-1',
          ...tenToEleven,
          reason: 'ill',
          now,
          override: null,
        },
      })
      .then({
        before: ['grace', 'alan'].map((id) => ({
          command: reserve(id, tenToEleven, now, null),
          // Judged as of the old time's own start, so only a clash can refuse it.
          undo: reserve(id, nineToTen, nineToTen.startsAt, {
            reason: 'moved back: the reschedule was not recorded',
          }),
        })),
        after: [],
      });
  });

  it("frees the slots only once a cancellation is recorded, leaving the candidacy's reason out of the calendars", () => {
    spec
      .given([...interviewing, scheduled])
      .when({
        type: 'CancelInterview',
        data: { candidateId, interviewId: 'i-1', reason: 'filled' },
      })
      .then({
        before: [],
        after: [
          release('grace', CANCELLED_INTERVIEW_RELEASE),
          release('alan', CANCELLED_INTERVIEW_RELEASE),
        ],
      });
  });

  it('frees the slots of every interview a closed candidacy cancels', () => {
    spec
      .given([...interviewing, scheduled])
      .when({ type: 'CancelOpenInterviews', data: { candidateId, reason: 'rejected' } })
      .then({
        before: [],
        after: [
          release('grace', CANCELLED_INTERVIEW_RELEASE),
          release('alan', CANCELLED_INTERVIEW_RELEASE),
        ],
      });
  });

  it('leaves calendars alone for what does not move an interview', () => {
    spec
      .given([...interviewing, scheduled])
      .when({ type: 'ConfirmInterview', data: { candidateId, interviewId: 'i-1' } })
      .then({ before: [], after: [] });
  });
});
