import { AggregateNotFoundError, CommandRejectedError } from '@hirestream/contracts';
import type { CandidateEvent, CandidateStage } from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { CandidateCommand } from './candidate.commands';
import { candidateDecider, type CandidateStreamEvent } from './candidate.decider';
import { ALLOWED_STAGE_MOVES } from './candidate.state';

const spec = deciderSpecification(candidateDecider);
const candidateId = 'c-1';

const registered: CandidateEvent = {
  type: 'CandidateRegistered',
  data: {
    candidateId,
    personId: 'p-1',
    fullName: 'Ada Lovelace',
    email: 'ada@example.org',
    phone: null,
    jobId: 'job-7',
    source: 'referral',
    resumeRef: 'resumes/ada.pdf',
  },
};
const toScreening: CandidateEvent = {
  type: 'CandidateStageChanged',
  data: { candidateId, from: 'applied', to: 'screening' },
};
const screened = (passed: boolean): CandidateEvent => ({
  type: 'ScreeningRecorded',
  data: { candidateId, passed, notes: 'solid call', screenedBy: 'recruiter-1' },
});
const moved = (from: CandidateStage, to: CandidateStage): CandidateEvent => ({
  type: 'CandidateStageChanged',
  data: { candidateId, from, to },
});
const rejected: CandidateEvent = {
  type: 'CandidateRejected',
  data: {
    candidateId,
    category: 'rejected-by-us',
    reason: 'r',
    feedbackForCandidate: null,
    stageAtRejection: 'applied',
  },
};
const withdrew: CandidateEvent = {
  type: 'CandidateWithdrew',
  data: { candidateId, reason: null, stageAtWithdrawal: 'applied' },
};
const hired = [
  registered,
  toScreening,
  screened(true),
  moved('screening', 'interviewing'),
  moved('interviewing', 'offer'),
  moved('offer', 'hired'),
];

/** Histories that leave the candidate in each stage, through allowed moves. */
const historyIn: Record<CandidateStage, CandidateEvent[]> = {
  applied: [registered],
  screening: [registered, toScreening],
  interviewing: [registered, toScreening, screened(true), moved('screening', 'interviewing')],
  'background-check': [
    registered,
    toScreening,
    screened(true),
    moved('screening', 'interviewing'),
    moved('interviewing', 'background-check'),
  ],
  offer: [
    registered,
    toScreening,
    screened(true),
    moved('screening', 'interviewing'),
    moved('interviewing', 'offer'),
  ],
  hired,
  rejected: [registered, rejected],
  withdrawn: [registered, withdrew],
};

const move = (to: CandidateStage): CandidateCommand => ({
  type: 'MoveCandidateToStage',
  data: { candidateId, to },
});

describe('candidate decider', () => {
  describe('RegisterCandidate', () => {
    const register: CandidateCommand = {
      type: 'RegisterCandidate',
      data: registered.data as never,
    };

    it('registers a new candidate', () => {
      spec.given([]).when(register).then([registered]);
    });

    it('refuses to register the same candidate twice', () => {
      spec
        .given([registered])
        .when(register)
        .thenThrows(CommandRejectedError, refusedWith('already-registered'));
    });
  });

  describe('RecordScreening', () => {
    const screen = (passed: boolean): CandidateCommand => ({
      type: 'RecordScreening',
      data: screened(passed).data as never,
    });

    it('records the outcome in the screening stage', () => {
      spec
        .given([registered, toScreening])
        .when(screen(true))
        .then([screened(true)]);
    });

    it('moves an applied candidate into screening first', () => {
      spec
        .given([registered])
        .when(screen(false))
        .then([toScreening, screened(false)]);
    });

    it('refuses a second screening outcome', () => {
      spec
        .given([registered, toScreening, screened(false)])
        .when(screen(true))
        .thenThrows(CommandRejectedError, refusedWith('screening-already-recorded'));
    });

    it('refuses screening a closed candidacy', () => {
      spec
        .given(historyIn.rejected)
        .when(screen(true))
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    });

    it('refuses an unknown candidate', () => {
      spec.given([]).when(screen(true)).thenThrows(AggregateNotFoundError);
    });
  });

  describe('MoveCandidateToStage', () => {
    it('moves a screened candidate to interviewing', () => {
      spec
        .given(historyIn.screening.concat(screened(true)))
        .when(move('interviewing'))
        .then([moved('screening', 'interviewing')]);
    });

    it('refuses interviewing when screening failed or is missing', () => {
      spec
        .given(historyIn.screening.concat(screened(false)))
        .when(move('interviewing'))
        .thenThrows(CommandRejectedError, refusedWith('screening-not-passed'));
      spec
        .given(historyIn.screening)
        .when(move('interviewing'))
        .thenThrows(CommandRejectedError, refusedWith('screening-not-passed'));
    });

    it('allows exactly the moves of the process table from every open stage', () => {
      const openStages: CandidateStage[] = [
        'applied',
        'screening',
        'interviewing',
        'background-check',
        'offer',
      ];
      const targets: CandidateStage[] = [
        'applied',
        'screening',
        'interviewing',
        'background-check',
        'offer',
        'hired',
        'rejected',
        'withdrawn',
      ];
      for (const from of openStages) {
        const history =
          from === 'screening' ? historyIn.screening.concat(screened(true)) : historyIn[from];
        for (const to of targets) {
          const then = spec.given(history).when(move(to));
          if (ALLOWED_STAGE_MOVES[from].includes(to)) then.then([moved(from, to)]);
          else if (from === to)
            then.thenThrows(CommandRejectedError, refusedWith('already-in-stage'));
          else then.thenThrows(CommandRejectedError, refusedWith('stage-move-not-allowed'));
        }
      }
    });

    it('refuses every move of a closed candidacy', () => {
      for (const closed of ['hired', 'rejected', 'withdrawn'] as const) {
        spec
          .given(historyIn[closed])
          .when(move('offer'))
          .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      }
    });

    it('refuses an unknown candidate', () => {
      spec.given([]).when(move('screening')).thenThrows(AggregateNotFoundError);
    });
  });

  describe('RejectCandidate', () => {
    const reject: CandidateCommand = {
      type: 'RejectCandidate',
      data: {
        candidateId,
        category: 'other',
        reason: 'role filled',
        feedbackForCandidate: 'thank you',
      },
    };

    it('rejects an open candidate and records the stage it was in', () => {
      spec
        .given(historyIn.interviewing)
        .when(reject)
        .then([
          {
            type: 'CandidateRejected',
            data: { ...reject.data, stageAtRejection: 'interviewing' } as never,
          },
        ]);
    });

    it('refuses to reject a closed candidacy', () => {
      for (const closed of ['hired', 'rejected', 'withdrawn'] as const) {
        spec
          .given(historyIn[closed])
          .when(reject)
          .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      }
    });

    it('refuses an unknown candidate', () => {
      spec.given([]).when(reject).thenThrows(AggregateNotFoundError);
    });
  });

  describe('WithdrawCandidate', () => {
    const withdraw: CandidateCommand = {
      type: 'WithdrawCandidate',
      data: { candidateId, reason: 'took another offer' },
    };

    it('withdraws an open candidate', () => {
      spec
        .given(historyIn.offer)
        .when(withdraw)
        .then([
          {
            type: 'CandidateWithdrew',
            data: { candidateId, reason: 'took another offer', stageAtWithdrawal: 'offer' },
          },
        ]);
    });

    it('refuses to withdraw a closed candidacy', () => {
      for (const closed of ['hired', 'rejected', 'withdrawn'] as const) {
        spec
          .given(historyIn[closed])
          .when(withdraw)
          .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      }
    });

    it('refuses an unknown candidate', () => {
      spec.given([]).when(withdraw).thenThrows(AggregateNotFoundError);
    });
  });

  it("ignores other services' facts in the shared candidate stream", () => {
    const interviewScheduled = {
      type: 'InterviewScheduled',
      data: { candidateId },
    } as unknown as CandidateEvent;
    spec
      .given([registered, interviewScheduled])
      .when({ type: 'WithdrawCandidate', data: { candidateId, reason: null } })
      .then([
        {
          type: 'CandidateWithdrew',
          data: { candidateId, reason: null, stageAtWithdrawal: 'applied' },
        },
      ]);
  });

  describe('once its personal data is erased', () => {
    const erased = (erasedAt: string): CandidateStreamEvent =>
      candidateStreamFacts(candidateId).erased('request', { erasedAt });
    const interviewing = historyIn.interviewing;

    it('refuses every command: what it would record could no longer be sealed under their key', () => {
      const commands: CandidateCommand[] = [
        { type: 'RecordScreening', data: screened(true).data as never },
        move('background-check'),
        { type: 'RejectCandidate', data: rejected.data as never },
        { type: 'WithdrawCandidate', data: { candidateId, reason: null } },
      ];
      for (const command of commands) {
        spec
          .given([...interviewing, erased('2030-03-04T09:00:00.000Z')])
          .when(command)
          .thenThrows(
            CommandRejectedError,
            refusedWith('personal-data-erased', '2030-03-04T09:00:00.000Z'),
          );
      }
    });

    it('keeps when it was first erased', () => {
      const state = [
        ...interviewing,
        erased('2030-03-04T09:00:00.000Z'),
        erased('2030-09-04T09:00:00.000Z'),
      ].reduce(candidateDecider.evolve, candidateDecider.initialState());
      expect(state).toMatchObject({
        candidate: { stage: 'interviewing', personalDataErasedAt: '2030-03-04T09:00:00.000Z' },
      });
    });
  });

  describe('evolve', () => {
    it('folds a history into the candidate it describes', () => {
      const state = [...historyIn.interviewing, rejected].reduce(
        candidateDecider.evolve,
        candidateDecider.initialState(),
      );
      expect(state).toEqual({
        status: 'registered',
        candidate: expect.objectContaining({
          stage: 'rejected',
          screening: { passed: true, notes: 'solid call', screenedBy: 'recruiter-1' },
          rejection: { category: 'rejected-by-us', reason: 'r', feedbackForCandidate: null },
        }),
      });
    });
  });

  describe('snapshots', () => {
    const snapshots = candidateDecider.snapshots!;

    it('round-trips a folded state through JSON', () => {
      const state = [...historyIn.interviewing, rejected].reduce(
        candidateDecider.evolve,
        candidateDecider.initialState(),
      );
      const stored: unknown = JSON.parse(JSON.stringify(snapshots.serialize(state)));
      expect(snapshots.deserialize(stored)).toEqual(state);
    });

    it('refuses what is not a candidate state', () => {
      expect(() => snapshots.deserialize({ total: 3 })).toThrow();
    });
  });
});
