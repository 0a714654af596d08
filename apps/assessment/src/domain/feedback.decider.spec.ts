import {
  AggregateNotFoundError,
  CommandRejectedError,
  type StampedRubric,
} from '@hirestream/contracts';
import { deciderSpecification, foldEvents, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { FeedbackCaller, FeedbackCommand } from './feedback.commands';
import { feedbackDecider, ownFeedbackRequest, type FeedbackStreamEvent } from './feedback.decider';
import type { Scorecard } from './feedback.state';

const spec = deciderSpecification(feedbackDecider);
const candidateId = 'c-1';

const rubric: StampedRubric = {
  rubricId: '00000000-0000-4000-8000-000000000001',
  version: 2,
  criteria: [
    { criterionId: 'design', name: 'System design', weight: 2 },
    { criterionId: 'coding', name: 'Coding', weight: 1 },
  ],
};
const dueAt = '2026-03-31T10:00:00Z';
const scorecard: Scorecard = {
  ratings: [
    { criterionId: 'design', rating: 3 },
    { criterionId: 'coding', rating: null },
  ],
  strengths: 'Clear trade-offs',
  concerns: 'Little testing',
  notes: null,
  recommendation: 'yes',
};

const facts = candidateStreamFacts(candidateId);
const { scheduled, completed, cancelled } = facts;
const registered = facts.registered();
const rejected = facts.rejected();
/** Asked against `rubric` unless told otherwise, due at `dueAt`. */
const requested = (
  interviewId: string,
  interviewerId: string,
  stamped: StampedRubric | null = rubric,
  round = 1,
) => facts.requested(interviewId, interviewerId, round, { dueAt, rubric: stamped });
/** `scorecard`, against `rubric`. */
const submitted = (interviewId: string, interviewerId: string) =>
  facts.submitted(interviewId, interviewerId, {
    rubricId: rubric.rubricId,
    rubricVersion: rubric.version,
    ...scorecard,
  });
const decided = (round: number, decision: 'advance' | 'hold' | 'reject' = 'advance') =>
  facts.decided({ round, decision });

const interviewer = (id: string): FeedbackCaller => ({
  id,
  role: 'interviewer',
  seesEveryInterview: false,
});
const staff = (id: string, role: FeedbackCaller['role'] = 'recruiter'): FeedbackCaller => ({
  id,
  role,
  seesEveryInterview: true,
});

/** Interview i-1, completed, panel grace and alan, both asked against `rubric`. */
const afterInterview: FeedbackStreamEvent[] = [
  registered,
  scheduled('i-1', ['grace', 'alan']),
  completed('i-1'),
  requested('i-1', 'grace'),
  requested('i-1', 'alan'),
];

const submit = (
  author: FeedbackCaller,
  change: Partial<Scorecard> = {},
  interviewId = 'i-1',
): FeedbackCommand => ({
  type: 'SubmitFeedback',
  data: { candidateId, interviewId, author, ...scorecard, ...change },
});
const saveDraft = (author: FeedbackCaller, ratings = scorecard.ratings): FeedbackCommand => ({
  type: 'SaveFeedbackDraft',
  data: {
    candidateId,
    interviewId: 'i-1',
    author,
    ratings,
    strengths: null,
    concerns: 'Some',
    notes: null,
    recommendation: null,
  },
});
const amend = (author: FeedbackCaller, reason = 'misread my notes'): FeedbackCommand => ({
  type: 'AmendFeedback',
  data: {
    candidateId,
    interviewId: 'i-1',
    author,
    ...scorecard,
    recommendation: 'strong-yes',
    reason,
  },
});
const reveal = (reader: FeedbackCaller, interviewId: string | null = 'i-1'): FeedbackCommand => ({
  type: 'RevealFeedback',
  data: { candidateId, interviewId, reader },
});

describe('feedback decider', () => {
  describe('RequestFeedback (the reaction to a completed interview)', () => {
    const request: FeedbackCommand = {
      type: 'RequestFeedback',
      data: { candidateId, interviewId: 'i-1', dueAt, rubric },
    };
    const interviewDone = [registered, scheduled('i-1', ['grace', 'alan']), completed('i-1')];

    it('asks every panel member, with the due time, the kind and round, and the rubric stamp', () => {
      spec
        .given(interviewDone)
        .when(request)
        .then([requested('i-1', 'grace'), requested('i-1', 'alan')]);
    });

    it('asks nobody twice, so a redelivered completion changes nothing', () => {
      spec.given(afterInterview).when(request).then([]);
      spec
        .given([...interviewDone, requested('i-1', 'grace')])
        .when(request)
        .then([requested('i-1', 'alan')]);
    });

    it('asks nothing when the stream does not show the interview completed, or the candidacy is closed or unknown', () => {
      spec
        .given([registered, scheduled('i-1', ['grace'])])
        .when(request)
        .then([]);
      spec
        .given([registered, scheduled('i-1', ['grace']), cancelled('i-1')])
        .when(request)
        .then([]);
      spec.given([registered]).when(request).then([]);
      spec
        .given([...interviewDone, rejected])
        .when(request)
        .then([]);
      spec.given([]).when(request).then([]);
    });
  });

  describe('WithdrawFeedbackRequests (the reaction to a cancelled interview)', () => {
    const withdraw: FeedbackCommand = {
      type: 'WithdrawFeedbackRequests',
      data: { candidateId, interviewId: 'i-1', reason: 'the role is on hold' },
    };

    const withdrawn = (
      interviewerId: string,
      reason = 'the role is on hold',
    ): FeedbackStreamEvent => ({
      type: 'FeedbackRequestWithdrawn',
      data: { candidateId, interviewId: 'i-1', interviewerId, reason },
    });

    it('withdraws the open requests of an interview the stream shows cancelled, and leaves submitted feedback', () => {
      spec
        .given([...afterInterview, submitted('i-1', 'grace'), cancelled('i-1')])
        .when(withdraw)
        .then([withdrawn('alan')]);
    });

    it('withdraws nothing twice, nor anything of an interview not cancelled', () => {
      spec
        .given([
          ...afterInterview,
          cancelled('i-1'),
          withdrawn('alan', 'x'),
          requested('i-1', 'grace'),
        ])
        .when(withdraw)
        .then([withdrawn('grace')]);
      spec.given(afterInterview).when(withdraw).then([]);
    });
  });

  describe('WithdrawClosedCandidacyFeedbackRequests (the reaction to a rejection or withdrawal)', () => {
    const withdraw: FeedbackCommand = {
      type: 'WithdrawClosedCandidacyFeedbackRequests',
      data: { candidateId, reason: 'the candidate was rejected' },
    };
    const withdrawn = (interviewId: string, interviewerId: string): FeedbackStreamEvent => ({
      type: 'FeedbackRequestWithdrawn',
      data: { candidateId, interviewId, interviewerId, reason: 'the candidate was rejected' },
    });

    it('withdraws every open request of every interview of a closed candidacy, and keeps submitted feedback', () => {
      spec
        .given([
          ...afterInterview,
          submitted('i-1', 'grace'),
          scheduled('i-2', ['ada']),
          completed('i-2'),
          requested('i-2', 'ada', rubric, 2),
          rejected,
        ])
        .when(withdraw)
        .then([withdrawn('i-1', 'alan'), withdrawn('i-2', 'ada')]);
    });

    it('withdraws nothing twice, and nothing of a candidacy the stream shows open', () => {
      spec
        .given([
          ...afterInterview,
          facts.withdrew(),
          withdrawn('i-1', 'alan'),
          withdrawn('i-1', 'grace'),
        ])
        .when(withdraw)
        .then([]);
      spec.given(afterInterview).when(withdraw).then([]);
      spec.given([]).when(withdraw).then([]);
    });
  });

  describe('SubmitFeedback', () => {
    it("records the panel member's own feedback against the stamped rubric, ratings in the rubric's order", () => {
      spec
        .given(afterInterview)
        .when(submit(interviewer('grace'), { ratings: [...scorecard.ratings].reverse() }))
        .then([submitted('i-1', 'grace')]);
    });

    it('lets a hiring manager on the panel submit their own feedback', () => {
      spec
        .given(afterInterview)
        .when(submit(staff('grace', 'hiring-manager')))
        .then([submitted('i-1', 'grace')]);
    });

    it('takes no ratings when the job had no kit (no rubric)', () => {
      spec
        .given([...afterInterview.slice(0, 3), requested('i-1', 'grace', null)])
        .when(submit(interviewer('grace'), { ratings: [] }))
        .then([
          {
            type: 'FeedbackSubmitted',
            data: {
              candidateId,
              interviewId: 'i-1',
              interviewerId: 'grace',
              rubricId: null,
              rubricVersion: null,
              ...scorecard,
              ratings: [],
            },
          },
        ]);
      spec
        .given([...afterInterview.slice(0, 3), requested('i-1', 'grace', null)])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('unknown-criterion', 'has no rubric'));
    });

    it('refuses a rubric criterion left out, one it does not have, and one rated twice', () => {
      spec
        .given(afterInterview)
        .when(submit(interviewer('grace'), { ratings: [{ criterionId: 'design', rating: 4 }] }))
        .thenThrows(CommandRejectedError, refusedWith('criterion-not-rated', 'coding'));
      spec
        .given(afterInterview)
        .when(
          submit(interviewer('grace'), {
            ratings: [...scorecard.ratings, { criterionId: 'charm', rating: 4 }],
          }),
        )
        .thenThrows(CommandRejectedError, refusedWith('unknown-criterion', 'charm'));
      spec
        .given(afterInterview)
        .when(
          submit(interviewer('grace'), {
            ratings: [...scorecard.ratings, { criterionId: 'design', rating: 1 }],
          }),
        )
        .thenThrows(CommandRejectedError, refusedWith('criterion-rated-twice'));
    });

    it('takes feedback once per interviewer and interview', () => {
      spec
        .given([...afterInterview, submitted('i-1', 'grace')])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('feedback-already-submitted'));
    });

    it('refuses feedback on an interview not completed, cancelled or missed', () => {
      const base = [registered, scheduled('i-1', ['grace'])];
      spec
        .given(base)
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('interview-not-completed'));
      spec
        .given([...base, cancelled('i-1')])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('interview-cancelled'));
      spec
        .given([
          ...base,
          {
            type: 'NoShowRecorded',
            data: { candidateId, interviewId: 'i-1', party: 'candidate', interviewerId: null },
          },
        ])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('interview-no-show'));
    });

    it('hides an interview from an interviewer not on its panel, and refuses staff not on it', () => {
      spec
        .given(afterInterview)
        .when(submit(interviewer('mallory')))
        .thenThrows(AggregateNotFoundError);
      spec
        .given(afterInterview)
        .when(submit(staff('recruiter-1')))
        .thenThrows(CommandRejectedError, refusedWith('not-on-panel'));
      spec
        .given(afterInterview)
        .when(submit(staff('recruiter-1'), {}, 'i-404'))
        .thenThrows(AggregateNotFoundError);
    });

    it('refuses an unknown or closed candidacy', () => {
      spec
        .given([])
        .when(submit(interviewer('grace')))
        .thenThrows(AggregateNotFoundError);
      spec
        .given([...afterInterview, rejected])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    });

    it('refuses feedback not requested yet, and after the round was decided', () => {
      spec
        .given(afterInterview.slice(0, 3))
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('feedback-not-requested'));
      spec
        .given([...afterInterview, decided(1)])
        .when(submit(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('round-decided', 'round 1'));
    });
  });

  describe('SaveFeedbackDraft', () => {
    it('saves a partial draft, as often as the author likes, until they submit', () => {
      const draft = {
        type: 'FeedbackDraftSaved',
        data: {
          candidateId,
          interviewId: 'i-1',
          interviewerId: 'grace',
          ratings: [{ criterionId: 'design', rating: 2 }],
          strengths: null,
          concerns: 'Some',
          notes: null,
          recommendation: null,
        },
      } as const;
      spec
        .given(afterInterview)
        .when(saveDraft(interviewer('grace'), [{ criterionId: 'design', rating: 2 }]))
        .then([draft]);
      spec
        .given([...afterInterview, draft])
        .when(saveDraft(interviewer('grace'), [{ criterionId: 'design', rating: 2 }]))
        .then([draft]);
      spec
        .given([...afterInterview, submitted('i-1', 'grace')])
        .when(saveDraft(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('feedback-already-submitted'));
    });

    it('refuses a criterion the rubric does not have, one rated twice, and the checks of a submission', () => {
      spec
        .given(afterInterview)
        .when(saveDraft(interviewer('grace'), [{ criterionId: 'charm', rating: 1 }]))
        .thenThrows(CommandRejectedError, refusedWith('unknown-criterion'));
      spec
        .given(afterInterview)
        .when(
          saveDraft(interviewer('grace'), [
            { criterionId: 'design', rating: 1 },
            { criterionId: 'design', rating: 2 },
          ]),
        )
        .thenThrows(CommandRejectedError, refusedWith('criterion-rated-twice'));
      spec
        .given(afterInterview)
        .when(saveDraft(interviewer('mallory')))
        .thenThrows(AggregateNotFoundError);
      spec
        .given([...afterInterview, decided(1)])
        .when(saveDraft(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('round-decided'));
    });
  });

  describe('AmendFeedback', () => {
    const amendedByGrace: FeedbackStreamEvent = {
      type: 'FeedbackAmended',
      data: {
        candidateId,
        interviewId: 'i-1',
        interviewerId: 'grace',
        ...scorecard,
        recommendation: 'strong-yes',
        reason: 'misread my notes',
      },
    };

    it('amends submitted feedback with a reason, keeping the original in the stream', () => {
      spec
        .given([...afterInterview, submitted('i-1', 'grace')])
        .when(amend(interviewer('grace')))
        .then([amendedByGrace]);
    });

    it('refuses to amend what was not submitted, or once the round is decided', () => {
      spec
        .given(afterInterview)
        .when(amend(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('feedback-not-submitted'));
      spec
        .given([...afterInterview, submitted('i-1', 'grace'), decided(1)])
        .when(amend(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('round-decided', 'amended'));
    });

    it('lets a hold, or the decision of another round, leave the amendment open', () => {
      spec
        .given([...afterInterview, submitted('i-1', 'grace'), decided(2), decided(1, 'hold')])
        .when(amend(interviewer('grace')))
        .then([amendedByGrace]);
    });
  });

  describe('RevealFeedback (every read of feedback)', () => {
    /** i-1 (grace, alan) and i-2 (barbara), every feedback in. */
    const twoRoundsSubmitted = [
      ...afterInterview,
      submitted('i-1', 'alan'),
      submitted('i-1', 'grace'),
      scheduled('i-2', ['barbara'], 2),
      completed('i-2'),
      requested('i-2', 'barbara', rubric, 2),
      submitted('i-2', 'barbara'),
    ];
    const revealed = (
      reader: FeedbackCaller,
      authors: readonly (readonly [string, string])[],
    ): FeedbackStreamEvent => ({
      type: 'FeedbackRevealed',
      data: {
        candidateId,
        readerId: reader.id,
        readerRole: reader.role,
        revealed: authors.map(([interviewId, interviewerId]) => ({ interviewId, interviewerId })),
      },
    });

    it('refuses a panelist until they have submitted their own, then records what they are shown', () => {
      const grace = interviewer('grace');
      spec
        .given([...afterInterview, submitted('i-1', 'alan')])
        .when(reveal(grace))
        .thenThrows(CommandRejectedError, refusedWith('own-feedback-first', 'i-1'));
      spec
        .given([...afterInterview, submitted('i-1', 'alan'), submitted('i-1', 'grace')])
        .when(reveal(grace))
        .then([revealed(grace, [['i-1', 'alan']])]);
    });

    it("records nothing when nothing but the reader's own feedback is shown", () => {
      spec
        .given([...afterInterview, submitted('i-1', 'grace')])
        .when(reveal(interviewer('grace')))
        .then([]);
      spec
        .given(afterInterview)
        .when(reveal(staff('recruiter-1')))
        .then([]);
    });

    it('keeps a panelist blind on the whole candidate while any interview of theirs waits for their feedback', () => {
      const history = [
        ...afterInterview,
        submitted('i-1', 'alan'),
        submitted('i-1', 'grace'),
        scheduled('i-2', ['grace', 'barbara'], 2),
        completed('i-2'),
        requested('i-2', 'grace', rubric, 2),
        requested('i-2', 'barbara', rubric, 2),
      ];
      spec
        .given(history)
        .when(reveal(interviewer('grace')))
        .thenThrows(CommandRejectedError, refusedWith('own-feedback-first', 'i-2'));
      spec
        .given(history)
        .when(reveal(staff('grace', 'hiring-manager'), null))
        .thenThrows(CommandRejectedError, refusedWith('own-feedback-first'));
    });

    it('does not blind a panelist of an interview still to come', () => {
      const barbara = staff('barbara', 'hiring-manager');
      spec
        .given([...afterInterview, submitted('i-1', 'alan'), scheduled('i-2', ['barbara'], 2)])
        .when(reveal(barbara, null))
        .then([revealed(barbara, [['i-1', 'alan']])]);
      // Completed but not yet requested of her: blind all the same.
      spec
        .given([...afterInterview, scheduled('i-2', ['barbara'], 2), completed('i-2')])
        .when(reveal(barbara, null))
        .thenThrows(CommandRejectedError, refusedWith('own-feedback-first'));
    });

    it('shows staff not on the panel everything, of one interview or of the candidacy', () => {
      const auditor = staff('auditor-1', 'auditor');
      spec
        .given(twoRoundsSubmitted)
        .when(reveal(auditor, null))
        .then([
          revealed(auditor, [
            ['i-1', 'grace'],
            ['i-1', 'alan'],
            ['i-2', 'barbara'],
          ]),
        ]);
      spec
        .given(twoRoundsSubmitted)
        .when(reveal(auditor, 'i-2'))
        .then([revealed(auditor, [['i-2', 'barbara']])]);
    });

    it('shows an interviewer only the interviews they sit on, and hides the others', () => {
      const alan = interviewer('alan');
      spec
        .given(twoRoundsSubmitted)
        .when(reveal(alan, null))
        .then([revealed(alan, [['i-1', 'grace']])]);
      spec.given(twoRoundsSubmitted).when(reveal(alan, 'i-2')).thenThrows(AggregateNotFoundError);
      spec
        .given(twoRoundsSubmitted)
        .when(reveal(interviewer('mallory'), null))
        .thenThrows(AggregateNotFoundError);
      spec
        .given([])
        .when(reveal(staff('auditor-1'), null))
        .thenThrows(AggregateNotFoundError);
    });

    it('records a read of more feedback than one event names in several events', () => {
      const panel = Array.from({ length: 501 }, (_, i) => `p-${i}`);
      const history: FeedbackStreamEvent[] = [
        registered,
        scheduled('i-1', panel),
        completed('i-1'),
        ...panel.flatMap((id) => [requested('i-1', id), submitted('i-1', id)]),
      ];
      const auditor = staff('auditor-1', 'auditor');
      const authors = panel.map((id) => ['i-1', id] as const);
      spec
        .given(history)
        .when(reveal(auditor))
        .then([revealed(auditor, authors.slice(0, 500)), revealed(auditor, authors.slice(500))]);
    });
  });

  describe("ownFeedbackRequest (a panelist's read of their own)", () => {
    const own = (events: FeedbackStreamEvent[], author: FeedbackCaller) =>
      ownFeedbackRequest(foldEvents(feedbackDecider, events), candidateId, 'i-1', author);

    it("reads the panelist's request, or nothing before it is made, also on a closed candidacy", () => {
      expect(own([...afterInterview, rejected], interviewer('grace'))).toMatchObject({
        interviewerId: 'grace',
        status: 'open',
        dueAt,
      });
      expect(own(afterInterview.slice(0, 3), interviewer('grace'))).toBeUndefined();
    });

    it('hides the interview from an interviewer off its panel and refuses staff off it', () => {
      expect(() => own(afterInterview, interviewer('mallory'))).toThrow(AggregateNotFoundError);
      expect(() => own(afterInterview, staff('recruiter-1'))).toThrow(CommandRejectedError);
      expect(() => own([], staff('recruiter-1'))).toThrow(AggregateNotFoundError);
    });
  });
});
