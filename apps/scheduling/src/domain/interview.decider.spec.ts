import { AggregateNotFoundError, CommandRejectedError } from '@hirestream/contracts';
import type {
  CandidateStage,
  InterviewDaySession,
  InterviewScheduled,
  PanelMember,
} from '@hirestream/contracts';
import { deciderSpecification, foldEvents, refusedWith } from '@hirestream/event-sourcing';
import type { InterviewCommand } from './interview.commands';
import { interviewDecider, type CandidateStreamEvent } from './interview.decider';

const spec = deciderSpecification(interviewDecider);
const candidateId = 'c-1';
const now = '2026-03-20T12:00:00Z';

const registered: CandidateStreamEvent = {
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
};
const moved = (from: CandidateStage, to: CandidateStage): CandidateStreamEvent => ({
  type: 'CandidateStageChanged',
  data: { candidateId, from, to },
});
const interviewing = [
  registered,
  moved('applied', 'screening'),
  moved('screening', 'interviewing'),
];

/** Histories leaving the candidate in each stage (the candidates service guards how they get there). */
const historyIn: Record<CandidateStage, CandidateStreamEvent[]> = {
  applied: [registered],
  screening: [registered, moved('applied', 'screening')],
  interviewing,
  'background-check': [...interviewing, moved('interviewing', 'background-check')],
  offer: [...interviewing, moved('interviewing', 'offer')],
  hired: [...interviewing, moved('interviewing', 'offer'), moved('offer', 'hired')],
  rejected: [
    ...interviewing,
    {
      type: 'CandidateRejected',
      data: {
        candidateId,
        category: 'rejected-by-us',
        reason: 'not a fit',
        feedbackForCandidate: null,
        stageAtRejection: 'interviewing',
      },
    },
  ],
  withdrawn: [
    ...interviewing,
    {
      type: 'CandidateWithdrew',
      data: { candidateId, reason: null, stageAtWithdrawal: 'interviewing' },
    },
  ],
};

const panel: PanelMember[] = [
  { interviewerId: 'grace', role: 'lead' },
  { interviewerId: 'alan', role: 'question-asker' },
  { interviewerId: 'barbara', role: 'note-taker' },
];
const interviewData = (
  change: Partial<InterviewScheduled['data']> = {},
): InterviewScheduled['data'] => ({
  candidateId,
  interviewId: 'i-1',
  kind: 'technical',
  round: 1,
  format: 'video',
  location: null,
  videoLink: 'https://meet.example.org/i-1',
  panel,
  startsAt: '2026-03-30T09:00:00Z',
  endsAt: '2026-03-30T10:00:00Z',
  candidateTimeZone: 'Europe/London',
  ...change,
});
const scheduled = (change: Partial<InterviewScheduled['data']> = {}): CandidateStreamEvent => ({
  type: 'InterviewScheduled',
  data: interviewData(change),
});
const schedule = (change: Partial<InterviewScheduled['data']> = {}): InterviewCommand => ({
  type: 'ScheduleInterview',
  data: { ...interviewData(change), now, override: null },
});
const ids = { candidateId, interviewId: 'i-1' };
const confirmed: CandidateStreamEvent = { type: 'InterviewConfirmed', data: ids };
const cancelled: CandidateStreamEvent = {
  type: 'InterviewCancelled',
  data: { ...ids, reason: 'role filled' },
};
const completed: CandidateStreamEvent = { type: 'InterviewCompleted', data: ids };
const candidateNoShow: CandidateStreamEvent = {
  type: 'NoShowRecorded',
  data: { ...ids, party: 'candidate', interviewerId: null },
};
const reschedule = (
  startsAt: string,
  endsAt: string,
  at = now,
  reason = 'lead is ill',
): InterviewCommand => ({
  type: 'RescheduleInterview',
  data: { ...ids, startsAt, endsAt, reason, now: at, override: null },
});
const rescheduled = (
  version: number,
  startsAt: string,
  endsAt: string,
  reason = 'lead is ill',
): CandidateStreamEvent => ({
  type: 'InterviewRescheduled',
  data: { ...ids, version, startsAt, endsAt, reason },
});
const afterStart = '2026-03-30T09:05:00Z';

describe('interview decider', () => {
  describe('ScheduleInterview', () => {
    it('schedules an interview for a candidate in interviewing', () => {
      spec.given(interviewing).when(schedule()).then([scheduled()]);
    });

    it('refuses a candidate that does not exist', () => {
      spec.given([]).when(schedule()).thenThrows(AggregateNotFoundError);
    });

    it.each(['hired', 'rejected', 'withdrawn'] as const)(
      'refuses a %s candidate: the candidacy is closed',
      (stage) => {
        spec
          .given(historyIn[stage])
          .when(schedule())
          .thenThrows(CommandRejectedError, refusedWith('candidacy-closed', stage));
      },
    );

    it.each(['applied', 'background-check', 'offer'] as const)(
      'refuses any interview in %s',
      (stage) => {
        spec
          .given(historyIn[stage])
          .when(schedule({ kind: 'screening' }))
          .thenThrows(CommandRejectedError, refusedWith('stage-does-not-allow-interviews'));
      },
    );

    it('allows only a screening interview in screening', () => {
      spec
        .given(historyIn.screening)
        .when(schedule({ kind: 'screening', format: 'phone', videoLink: null }))
        .then([scheduled({ kind: 'screening', format: 'phone', videoLink: null })]);
      spec
        .given(historyIn.screening)
        .when(schedule({ kind: 'technical' }))
        .thenThrows(
          CommandRejectedError,
          refusedWith('stage-does-not-allow-interviews', 'allowed: screening'),
        );
    });

    it('refuses a panel without a lead', () => {
      spec
        .given(interviewing)
        .when(schedule({ panel: panel.filter((m) => m.role !== 'lead') }))
        .thenThrows(CommandRejectedError, refusedWith('panel-needs-one-lead', 'not 0'));
      spec
        .given(interviewing)
        .when(schedule({ panel: [] }))
        .thenThrows(CommandRejectedError, refusedWith('panel-needs-one-lead'));
    });

    it('refuses a panel with two leads', () => {
      spec
        .given(interviewing)
        .when(schedule({ panel: [...panel, { interviewerId: 'ada', role: 'lead' }] }))
        .thenThrows(CommandRejectedError, refusedWith('panel-needs-one-lead', 'not 2'));
    });

    it('refuses the same interviewer twice on a panel', () => {
      spec
        .given(interviewing)
        .when(schedule({ panel: [...panel, { interviewerId: 'alan', role: 'shadow' }] }))
        .thenThrows(CommandRejectedError, refusedWith('interviewer-on-panel-twice', 'alan'));
    });

    it('needs a location in person and a link by video; a phone call needs neither', () => {
      spec
        .given(interviewing)
        .when(schedule({ format: 'in-person', location: ' ', videoLink: null }))
        .thenThrows(CommandRejectedError, refusedWith('location-required'));
      spec
        .given(interviewing)
        .when(schedule({ format: 'video', videoLink: null }))
        .thenThrows(CommandRejectedError, refusedWith('video-link-required'));
      spec
        .given(interviewing)
        .when(schedule({ format: 'in-person', location: 'HQ room 4', videoLink: null }))
        .then([scheduled({ format: 'in-person', location: 'HQ room 4', videoLink: null })]);
      spec
        .given(interviewing)
        .when(schedule({ format: 'phone', videoLink: null }))
        .then([scheduled({ format: 'phone', videoLink: null })]);
    });

    it('refuses an interview that ends before it starts, lasts for days, or starts in the past', () => {
      spec
        .given(interviewing)
        .when(schedule({ endsAt: '2026-03-30T09:00:00Z' }))
        .thenThrows(CommandRejectedError, refusedWith('ends-before-it-starts'));
      // Years of an interviewer's time blocked by one booking.
      spec
        .given(interviewing)
        .when(schedule({ endsAt: '2029-03-30T10:00:00Z' }))
        .thenThrows(CommandRejectedError, refusedWith('too-long'));
      spec
        .given(interviewing)
        .when(schedule({ startsAt: '2026-03-20T11:00:00Z', endsAt: '2026-03-20T12:00:00Z' }))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
    });

    it("refuses an unknown candidate's time zone", () => {
      spec
        .given(interviewing)
        .when(schedule({ candidateTimeZone: 'Middle/Earth' }))
        .thenThrows(CommandRejectedError, refusedWith('unknown-time-zone'));
    });

    it('refuses an interview id already used', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(schedule({ startsAt: '2026-03-31T09:00:00Z', endsAt: '2026-03-31T10:00:00Z' }))
        .thenThrows(CommandRejectedError, refusedWith('interview-already-scheduled'));
    });

    it('refuses a second interview of the candidate overlapping the first, naming it', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(
          schedule({
            interviewId: 'i-2',
            startsAt: '2026-03-30T09:30:00Z',
            endsAt: '2026-03-30T10:30:00Z',
          }),
        )
        .thenThrows(CommandRejectedError, refusedWith('candidate-double-booked', 'interview i-1'));
    });

    it('books the candidate back to back: touching at the edges is not overlapping', () => {
      const next = {
        interviewId: 'i-2',
        startsAt: '2026-03-30T10:00:00Z',
        endsAt: '2026-03-30T11:00:00Z',
      };
      spec
        .given([...interviewing, scheduled()])
        .when(schedule(next))
        .then([scheduled(next)]);
    });

    it('books over a cancelled interview of the candidate', () => {
      spec
        .given([...interviewing, scheduled(), cancelled])
        .when(schedule({ interviewId: 'i-2' }))
        .then([scheduled({ interviewId: 'i-2' })]);
    });
  });

  describe('ConfirmInterview', () => {
    const confirm: InterviewCommand = { type: 'ConfirmInterview', data: ids };

    it('confirms a scheduled interview', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(confirm)
        .then([confirmed]);
    });

    it('refuses an interview that does not exist', () => {
      spec.given(interviewing).when(confirm).thenThrows(AggregateNotFoundError);
    });

    it('refuses to confirm twice, but asks again after a reschedule', () => {
      spec
        .given([...interviewing, scheduled(), confirmed])
        .when(confirm)
        .thenThrows(CommandRejectedError, refusedWith('interview-already-confirmed'));
      spec
        .given([
          ...interviewing,
          scheduled(),
          confirmed,
          rescheduled(2, '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'),
        ])
        .when(confirm)
        .then([confirmed]);
    });

    it('refuses a cancelled interview and a closed candidacy', () => {
      spec
        .given([...interviewing, scheduled(), cancelled])
        .when(confirm)
        .thenThrows(CommandRejectedError, refusedWith('interview-closed', 'is cancelled'));
      spec
        .given([...historyIn.withdrawn, scheduled()])
        .when(confirm)
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    });
  });

  describe('RescheduleInterview', () => {
    it('moves the interview to a new version of its time, with the reason', () => {
      spec
        .given([...interviewing, scheduled(), confirmed])
        .when(reschedule('2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'))
        .then([rescheduled(2, '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z')]);
    });

    it('keeps counting versions, so the history keeps every time the interview had', () => {
      spec
        .given([
          ...interviewing,
          scheduled(),
          rescheduled(2, '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'),
        ])
        .when(reschedule('2026-04-01T09:00:00Z', '2026-04-01T10:00:00Z', now, 'candidate asked'))
        .then([rescheduled(3, '2026-04-01T09:00:00Z', '2026-04-01T10:00:00Z', 'candidate asked')]);
      const state = [
        ...interviewing,
        scheduled(),
        rescheduled(2, '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'),
        rescheduled(3, '2026-04-01T09:00:00Z', '2026-04-01T10:00:00Z', 'candidate asked'),
      ].reduce(interviewDecider.evolve, interviewDecider.initialState());
      expect(state.interviews.get('i-1')).toMatchObject({
        startsAt: '2026-04-01T09:00:00Z',
        status: 'scheduled',
        history: [
          {
            version: 1,
            startsAt: '2026-03-30T09:00:00Z',
            endsAt: '2026-03-30T10:00:00Z',
            reason: null,
          },
          {
            version: 2,
            startsAt: '2026-03-31T09:00:00Z',
            endsAt: '2026-03-31T10:00:00Z',
            reason: 'lead is ill',
          },
          {
            version: 3,
            startsAt: '2026-04-01T09:00:00Z',
            endsAt: '2026-04-01T10:00:00Z',
            reason: 'candidate asked',
          },
        ],
      });
    });

    it('refuses rescheduling into the past', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(reschedule('2026-03-19T09:00:00Z', '2026-03-19T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
    });

    it('refuses a new time that ends before it starts, or is the same time', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(reschedule('2026-03-31T10:00:00Z', '2026-03-31T09:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('ends-before-it-starts'));
      spec
        .given([...interviewing, scheduled()])
        .when(reschedule('2026-03-30T09:00:00.000Z', '2026-03-30T10:00:00.000Z'))
        .thenThrows(CommandRejectedError, refusedWith('interview-time-unchanged'));
    });

    it('needs a reason', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(reschedule('2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z', now, ''))
        .thenThrows(CommandRejectedError, refusedWith('reason-required'));
    });

    it("refuses a time overlapping another of the candidate's interviews, but not its own old time", () => {
      const other = scheduled({
        interviewId: 'i-2',
        startsAt: '2026-03-31T09:00:00Z',
        endsAt: '2026-03-31T10:00:00Z',
      });
      spec
        .given([...interviewing, scheduled(), other])
        .when(reschedule('2026-03-31T09:30:00Z', '2026-03-31T10:30:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('candidate-double-booked', 'interview i-2'));
      spec
        .given([...interviewing, scheduled(), other])
        .when(reschedule('2026-03-30T09:30:00Z', '2026-03-30T10:30:00Z'))
        .then([rescheduled(2, '2026-03-30T09:30:00Z', '2026-03-30T10:30:00Z')]);
    });

    it('refuses a finished interview and a closed candidacy', () => {
      spec
        .given([...interviewing, scheduled(), completed])
        .when(reschedule('2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('interview-closed', 'completed'));
      spec
        .given([...historyIn.rejected, scheduled()])
        .when(reschedule('2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    });
  });

  describe('CancelOpenInterviews', () => {
    const cancelOpen = (reason = 'the candidate was rejected'): InterviewCommand => ({
      type: 'CancelOpenInterviews',
      data: { candidateId, reason },
    });
    const second = (change: Partial<InterviewScheduled['data']> = {}) =>
      scheduled({
        interviewId: 'i-2',
        startsAt: '2026-03-31T09:00:00Z',
        endsAt: '2026-03-31T10:00:00Z',
        ...change,
      });

    it('cancels every interview still open, with the one reason, whatever the candidacy', () => {
      spec
        .given([...historyIn.rejected.slice(0, 3), scheduled(), second(), historyIn.rejected[3]])
        .when(cancelOpen())
        .then([
          { type: 'InterviewCancelled', data: { ...ids, reason: 'the candidate was rejected' } },
          {
            type: 'InterviewCancelled',
            data: { candidateId, interviewId: 'i-2', reason: 'the candidate was rejected' },
          },
        ]);
    });

    it('leaves closed interviews alone and decides nothing when none is open', () => {
      spec
        .given([
          ...interviewing,
          scheduled(),
          completed,
          second(),
          {
            type: 'InterviewCancelled',
            data: { candidateId, interviewId: 'i-2', reason: 'role filled' },
          },
        ])
        .when(cancelOpen())
        .then([]);
      spec.given(interviewing).when(cancelOpen()).then([]);
    });
  });

  describe('CancelInterview', () => {
    const cancel = (reason = 'role filled'): InterviewCommand => ({
      type: 'CancelInterview',
      data: { ...ids, reason },
    });

    it('cancels a scheduled or confirmed interview with its reason', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(cancel())
        .then([cancelled]);
      spec
        .given([...interviewing, scheduled(), confirmed])
        .when(cancel())
        .then([cancelled]);
    });

    it('cancels the open interviews of a rejected candidate', () => {
      spec
        .given([...historyIn.rejected.slice(0, 3), scheduled(), historyIn.rejected[3]])
        .when(cancel())
        .then([cancelled]);
    });

    it('refuses to cancel twice, or a completed interview, or without a reason', () => {
      spec
        .given([...interviewing, scheduled(), cancelled])
        .when(cancel())
        .thenThrows(CommandRejectedError, refusedWith('interview-closed'));
      spec
        .given([...interviewing, scheduled(), completed])
        .when(cancel())
        .thenThrows(CommandRejectedError, refusedWith('interview-closed'));
      spec
        .given([...interviewing, scheduled()])
        .when(cancel(' '))
        .thenThrows(CommandRejectedError, refusedWith('reason-required'));
    });
  });

  describe('RecordNoShow', () => {
    const noShow = (
      absentee: { party: 'candidate' } | { party: 'interviewer'; interviewerId: string },
      at = afterStart,
    ): InterviewCommand => ({
      type: 'RecordNoShow',
      data: { ...ids, absentee, now: at },
    });

    it('records that the candidate did not come', () => {
      spec
        .given([...interviewing, scheduled(), confirmed])
        .when(noShow({ party: 'candidate' }))
        .then([candidateNoShow]);
    });

    it('records which panel member did not come', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(noShow({ party: 'interviewer', interviewerId: 'alan' }))
        .then([
          { type: 'NoShowRecorded', data: { ...ids, party: 'interviewer', interviewerId: 'alan' } },
        ]);
    });

    it('refuses an interviewer who is not on the panel', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(noShow({ party: 'interviewer', interviewerId: 'linus' }))
        .thenThrows(CommandRejectedError, refusedWith('not-on-panel', 'linus'));
    });

    it('refuses before the interview starts, and on a closed interview', () => {
      spec
        .given([...interviewing, scheduled()])
        .when(noShow({ party: 'candidate' }, '2026-03-30T08:59:59Z'))
        .thenThrows(CommandRejectedError, refusedWith('interview-not-started'));
      spec
        .given([...interviewing, scheduled(), cancelled])
        .when(noShow({ party: 'candidate' }))
        .thenThrows(CommandRejectedError, refusedWith('interview-closed'));
    });
  });

  describe('CompleteInterview', () => {
    const complete = (at = afterStart): InterviewCommand => ({
      type: 'CompleteInterview',
      data: { ...ids, now: at },
    });

    it('completes an interview once it has started', () => {
      spec
        .given([...interviewing, scheduled(), confirmed])
        .when(complete())
        .then([completed]);
      spec
        .given([...interviewing, scheduled()])
        .when(complete('2026-03-30T09:00:00Z'))
        .then([completed]);
    });

    it('refuses to complete a cancelled interview', () => {
      spec
        .given([...interviewing, scheduled(), cancelled])
        .when(complete())
        .thenThrows(
          CommandRejectedError,
          refusedWith('interview-closed', 'is cancelled; it cannot be completed'),
        );
    });

    it('refuses to complete twice, after a no-show, or before the start', () => {
      spec
        .given([...interviewing, scheduled(), completed])
        .when(complete())
        .thenThrows(CommandRejectedError, refusedWith('interview-closed'));
      spec
        .given([...interviewing, scheduled(), candidateNoShow])
        .when(complete())
        .thenThrows(CommandRejectedError, refusedWith('interview-closed'));
      spec
        .given([...interviewing, scheduled()])
        .when(complete('2026-03-29T09:00:00Z'))
        .thenThrows(CommandRejectedError, refusedWith('interview-not-started'));
    });

    it('refuses an interview that does not exist', () => {
      spec.given(interviewing).when(complete()).thenThrows(AggregateNotFoundError);
    });
  });

  describe('ScheduleInterviewDay', () => {
    const session = (
      interviewId: string,
      title: string,
      startsAt: string,
      endsAt: string,
      change: Partial<InterviewDaySession> = {},
    ): InterviewDaySession => ({
      interviewId,
      title,
      kind: 'panel',
      round: 2,
      format: 'in-person',
      location: 'HQ, 5th floor',
      videoLink: null,
      panel,
      startsAt,
      endsAt,
      ...change,
    });
    // Tuesday 31 March 2026 in London (BST, UTC+1): 09:00–10:00, 10:00–11:00, lunch, 12:00–13:00.
    const sessions = [
      session('d-1-s1', 'Coding', '2026-03-31T08:00:00Z', '2026-03-31T09:00:00Z'),
      session('d-1-s2', 'System design', '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z', {
        panel: [{ interviewerId: 'linus', role: 'lead' }],
      }),
      session('d-1-s3', 'Meet the team', '2026-03-31T11:00:00Z', '2026-03-31T12:00:00Z'),
    ];
    const breaks = [
      { title: 'Lunch', startsAt: '2026-03-31T10:00:00Z', endsAt: '2026-03-31T11:00:00Z' },
    ];
    const dayData = {
      candidateId,
      dayId: 'd-1',
      candidateTimeZone: 'Europe/London',
      sessions,
      breaks,
    };
    const scheduleDay = (change: Partial<typeof dayData> = {}): InterviewCommand => ({
      type: 'ScheduleInterviewDay',
      data: { ...dayData, ...change, now, override: null },
    });
    const dayScheduled: CandidateStreamEvent = { type: 'InterviewDayScheduled', data: dayData };

    it('schedules back-to-back sessions and breaks as one unit', () => {
      spec.given(interviewing).when(scheduleDay()).then([dayScheduled]);
    });

    it('makes each session an interview with its own lifecycle', () => {
      spec
        .given([...interviewing, dayScheduled])
        .when({
          type: 'CancelInterview',
          data: { candidateId, interviewId: 'd-1-s2', reason: 'linus is ill' },
        })
        .then([
          {
            type: 'InterviewCancelled',
            data: { candidateId, interviewId: 'd-1-s2', reason: 'linus is ill' },
          },
        ]);
    });

    it('refuses to move one session on its own', () => {
      spec
        .given([...interviewing, dayScheduled])
        .when({
          type: 'RescheduleInterview',
          data: {
            candidateId,
            interviewId: 'd-1-s1',
            startsAt: '2026-04-01T08:00:00Z',
            endsAt: '2026-04-01T09:00:00Z',
            reason: 'x',
            now,
            override: null,
          },
        })
        .thenThrows(CommandRejectedError, refusedWith('interview-day-session-moves-with-its-day'));
    });

    it('refuses a gap or an overlap between sessions', () => {
      spec
        .given(interviewing)
        .when(scheduleDay({ breaks: [] }))
        .thenThrows(
          CommandRejectedError,
          refusedWith(
            'interview-day-not-back-to-back',
            'session "System design" and session "Meet the team" have a gap',
          ),
        );
      spec
        .given(interviewing)
        .when(
          scheduleDay({
            breaks: [
              { title: 'Lunch', startsAt: '2026-03-31T10:00:00Z', endsAt: '2026-03-31T11:15:00Z' },
            ],
          }),
        )
        .thenThrows(CommandRejectedError, refusedWith('interview-day-not-back-to-back', 'overlap'));
    });

    it('refuses a day that starts or ends with a break', () => {
      spec
        .given(interviewing)
        .when(
          scheduleDay({
            breaks: [
              ...breaks,
              { title: 'Coffee', startsAt: '2026-03-31T12:00:00Z', endsAt: '2026-03-31T12:15:00Z' },
            ],
          }),
        )
        .thenThrows(
          CommandRejectedError,
          refusedWith('interview-day-starts-or-ends-with-break', 'Coffee'),
        );
    });

    it('refuses a day of fewer than two sessions', () => {
      spec
        .given(interviewing)
        .when(scheduleDay({ sessions: sessions.slice(0, 1), breaks: [] }))
        .thenThrows(CommandRejectedError, refusedWith('interview-day-needs-sessions'));
    });

    it('checks every session as an interview', () => {
      const [first, second, third] = sessions;
      spec
        .given(interviewing)
        .when(scheduleDay({ sessions: [first, { ...second, panel: [] }, third] }))
        .thenThrows(
          CommandRejectedError,
          refusedWith('panel-needs-one-lead', 'session "System design"'),
        );
      spec
        .given(interviewing)
        .when(scheduleDay({ sessions: [first, { ...second, location: null }, third] }))
        .thenThrows(CommandRejectedError, refusedWith('location-required'));
      spec
        .given(interviewing)
        .when(scheduleDay({ sessions: [first, { ...second, interviewId: 'd-1-s1' }, third] }))
        .thenThrows(CommandRejectedError, refusedWith('interview-already-scheduled'));
      spec
        .given(historyIn.screening)
        .when(scheduleDay())
        .thenThrows(CommandRejectedError, refusedWith('stage-does-not-allow-interviews'));
    });

    it("refuses a day overlapping another of the candidate's interviews, or a day id used before", () => {
      spec
        .given([
          ...interviewing,
          scheduled({ startsAt: '2026-03-31T11:30:00Z', endsAt: '2026-03-31T12:30:00Z' }),
        ])
        .when(scheduleDay())
        .thenThrows(CommandRejectedError, refusedWith('candidate-double-booked', 'interview i-1'));
      spec
        .given([...interviewing, dayScheduled])
        .when(scheduleDay())
        .thenThrows(CommandRejectedError, refusedWith('interview-day-already-scheduled'));
    });

    describe('RescheduleInterviewDay', () => {
      const rescheduleDay = (
        startsAt: string,
        at = now,
        reason = 'hiring manager away',
      ): InterviewCommand => ({
        type: 'RescheduleInterviewDay',
        data: { candidateId, dayId: 'd-1', startsAt, reason, now: at, override: null },
      });
      // The whole day one day later: 1 April 2026.
      const dayMoved: CandidateStreamEvent = {
        type: 'InterviewDayRescheduled',
        data: {
          candidateId,
          dayId: 'd-1',
          startsAt: '2026-04-01T08:00:00.000Z',
          endsAt: '2026-04-01T12:00:00.000Z',
          sessions: [
            {
              interviewId: 'd-1-s1',
              version: 2,
              startsAt: '2026-04-01T08:00:00.000Z',
              endsAt: '2026-04-01T09:00:00.000Z',
            },
            {
              interviewId: 'd-1-s2',
              version: 2,
              startsAt: '2026-04-01T09:00:00.000Z',
              endsAt: '2026-04-01T10:00:00.000Z',
            },
            {
              interviewId: 'd-1-s3',
              version: 2,
              startsAt: '2026-04-01T11:00:00.000Z',
              endsAt: '2026-04-01T12:00:00.000Z',
            },
          ],
          breaks: [
            {
              title: 'Lunch',
              startsAt: '2026-04-01T10:00:00.000Z',
              endsAt: '2026-04-01T11:00:00.000Z',
            },
          ],
          reason: 'hiring manager away',
        },
      };

      it('moves every session and break by the same offset, each session to a new version', () => {
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .then([dayMoved]);
      });

      const hours = (instant: string, count: number) =>
        new Date(Date.parse(instant) + count * 3_600_000).toISOString();
      /** The day `count` hours later than scheduled; written out in full above for one day. */
      const dayMovedBy = (count: number, version = 2, open = sessions): CandidateStreamEvent => ({
        type: 'InterviewDayRescheduled',
        data: {
          candidateId,
          dayId: 'd-1',
          startsAt: hours('2026-03-31T08:00:00Z', count),
          endsAt: hours('2026-03-31T12:00:00Z', count),
          sessions: open.map((s) => ({
            interviewId: s.interviewId,
            version,
            startsAt: hours(s.startsAt, count),
            endsAt: hours(s.endsAt, count),
          })),
          breaks: breaks.map((b) => ({
            ...b,
            startsAt: hours(b.startsAt, count),
            endsAt: hours(b.endsAt, count),
          })),
          reason: 'hiring manager away',
        },
      });

      it('leaves closed sessions where they were', () => {
        const secondCancelled: CandidateStreamEvent = {
          type: 'InterviewCancelled',
          data: { candidateId, interviewId: 'd-1-s2', reason: 'linus is ill' },
        };
        spec
          .given([...interviewing, dayScheduled, secondCancelled])
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .then([dayMovedBy(24, 2, [sessions[0], sessions[2]])]);
      });

      it('moves from where the day is now, and a moved session needs confirming again', () => {
        expect(dayMovedBy(24)).toEqual(dayMoved);
        spec
          .given([...interviewing, dayScheduled, dayMoved])
          .when(rescheduleDay('2026-04-02T08:00:00Z'))
          .then([dayMovedBy(48, 3)]);
        const firstConfirmed: CandidateStreamEvent = {
          type: 'InterviewConfirmed',
          data: { candidateId, interviewId: 'd-1-s1' },
        };
        spec
          .given([...interviewing, dayScheduled, firstConfirmed, dayMoved])
          .when({ type: 'ConfirmInterview', data: { candidateId, interviewId: 'd-1-s1' } })
          .then([firstConfirmed]);
      });

      it('frees the old time for the candidate and takes the new one', () => {
        spec
          .given([...interviewing, dayScheduled, dayMoved])
          .when(schedule({ startsAt: '2026-03-31T08:00:00Z', endsAt: '2026-03-31T09:00:00Z' }))
          .then([scheduled({ startsAt: '2026-03-31T08:00:00Z', endsAt: '2026-03-31T09:00:00Z' })]);
        spec
          .given([...interviewing, dayScheduled, dayMoved])
          .when(schedule({ startsAt: '2026-04-01T11:30:00Z', endsAt: '2026-04-01T12:30:00Z' }))
          .thenThrows(CommandRejectedError, refusedWith('candidate-double-booked', 'd-1-s3'));
      });

      it("refuses a new time overlapping the candidate's other interviews, but not the day's own", () => {
        spec
          .given([
            ...interviewing,
            dayScheduled,
            scheduled({ startsAt: '2026-04-01T11:30:00Z', endsAt: '2026-04-01T12:30:00Z' }),
          ])
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .thenThrows(
            CommandRejectedError,
            refusedWith('candidate-double-booked', 'interview i-1'),
          );
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-03-31T09:00:00Z'))
          .then([dayMovedBy(1)]);
      });

      it('refuses a day that has begun, a time in the past or unchanged, no reason, or no open session', () => {
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-04-01T08:00:00Z', '2026-03-31T08:00:00Z'))
          .thenThrows(CommandRejectedError, refusedWith('interview-day-started'));
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-03-19T08:00:00Z'))
          .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-03-31T08:00:00Z'))
          .thenThrows(CommandRejectedError, refusedWith('interview-time-unchanged'));
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('2026-04-01T08:00:00Z', now, ' '))
          .thenThrows(CommandRejectedError, refusedWith('reason-required'));
        spec
          .given([...interviewing, dayScheduled])
          .when(rescheduleDay('tomorrow'))
          .thenThrows(CommandRejectedError, refusedWith('invalid-instant'));
        spec
          .given([
            ...interviewing,
            dayScheduled,
            ...sessions.map((s): CandidateStreamEvent => ({
              type: 'InterviewCancelled',
              data: { candidateId, interviewId: s.interviewId, reason: 'role filled' },
            })),
          ])
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .thenThrows(CommandRejectedError, refusedWith('interview-day-closed'));
      });

      it('refuses an unknown day and a closed candidacy', () => {
        spec
          .given(interviewing)
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .thenThrows(AggregateNotFoundError);
        spec
          .given([...historyIn.withdrawn, dayScheduled])
          .when(rescheduleDay('2026-04-01T08:00:00Z'))
          .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      });
    });

    describe('CancelInterviewDay', () => {
      const cancelDay = (reason = 'role filled'): InterviewCommand => ({
        type: 'CancelInterviewDay',
        data: { candidateId, dayId: 'd-1', reason },
      });
      const cancelledSession = (interviewId: string): CandidateStreamEvent => ({
        type: 'InterviewCancelled',
        data: { candidateId, interviewId, reason: 'role filled' },
      });

      it('cancels every session still open, one event each', () => {
        spec
          .given([
            ...interviewing,
            dayScheduled,
            { type: 'InterviewCompleted', data: { candidateId, interviewId: 'd-1-s1' } },
          ])
          .when(cancelDay())
          .then([cancelledSession('d-1-s2'), cancelledSession('d-1-s3')]);
      });

      it('is allowed once the candidacy is closed, so a rejection can close the day', () => {
        spec
          .given([...historyIn.rejected.slice(0, 3), dayScheduled, ...historyIn.rejected.slice(3)])
          .when(cancelDay())
          .then(sessions.map((s) => cancelledSession(s.interviewId)));
      });

      it('refuses a day with nothing open, an unknown day, and no reason', () => {
        spec
          .given([
            ...interviewing,
            dayScheduled,
            ...sessions.map((s) => cancelledSession(s.interviewId)),
          ])
          .when(cancelDay())
          .thenThrows(CommandRejectedError, refusedWith('interview-day-closed'));
        spec.given(interviewing).when(cancelDay()).thenThrows(AggregateNotFoundError);
        spec
          .given([...interviewing, dayScheduled])
          .when(cancelDay(''))
          .thenThrows(CommandRejectedError, refusedWith('reason-required'));
      });
    });

    it('refuses a closed candidacy and a day in the past', () => {
      spec
        .given(historyIn.hired)
        .when(scheduleDay())
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      spec
        .given(interviewing)
        .when({
          type: 'ScheduleInterviewDay',
          data: { ...dayData, now: '2026-03-31T08:30:00Z', override: null },
        })
        .thenThrows(CommandRejectedError, refusedWith('in-the-past', 'session "Coding"'));
    });
  });

  describe('snapshots', () => {
    const policy = interviewDecider.snapshots!;
    const throughJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

    it("restores, through JSON, the candidate's interviews the events fold to", () => {
      const state = foldEvents(interviewDecider, [
        ...interviewing,
        scheduled(),
        confirmed,
        rescheduled(2, '2026-03-31T09:00:00Z', '2026-03-31T10:00:00Z'),
        scheduled({
          interviewId: 'i-2',
          startsAt: '2026-04-01T09:00:00Z',
          endsAt: '2026-04-01T10:00:00Z',
        }),
        { type: 'InterviewCancelled', data: { candidateId, interviewId: 'i-2', reason: 'x' } },
      ]);
      expect(policy.deserialize(throughJson(policy.serialize(state)))).toEqual(state);
      const empty = foldEvents(interviewDecider, []);
      expect(policy.deserialize(throughJson(policy.serialize(empty)))).toEqual(empty);
    });

    it("refuses what is not a candidate's interviews, so that the stream is read instead", () => {
      expect(() => policy.deserialize({ status: 'registered' })).toThrow();
      expect(() => policy.deserialize({ candidate: null, interviews: [{}], days: [] })).toThrow();
    });
  });
});
