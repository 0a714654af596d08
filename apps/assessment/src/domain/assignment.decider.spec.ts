import {
  AggregateNotFoundError,
  CommandRejectedError,
  type CriterionRating,
  type StampedRubric,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type {
  AssignAssessment,
  ExtendAssessmentDue,
  ScoreAssessment,
  SubmitAssessment,
} from './assignment.commands';
import { assignmentDecider, type AssignmentStreamEvent } from './assignment.decider';

const spec = deciderSpecification(assignmentDecider);
const candidateId = 'c-1';
const assignmentId = 'a-1';
const now = '2030-03-01T12:00:00Z';
const due = '2030-03-08T12:00:00Z';

const rubric: StampedRubric = {
  rubricId: 'r-1',
  version: 2,
  criteria: [
    { criterionId: 'design', name: 'Design', weight: 2 },
    { criterionId: 'testing', name: 'Testing', weight: 1 },
  ],
};

const facts = candidateStreamFacts(candidateId);
const registered = facts.registered();
const interviewing = facts.interviewing();
const rejected = facts.rejected();

const assignmentFields = {
  candidateId,
  assignmentId,
  kind: 'take-home' as const,
  title: 'Rate limiter exercise',
  instructions: 'Build a token bucket.',
  dueAt: due,
  reviewerIds: ['grace', 'alan'],
};
const assign = (change: Partial<AssignAssessment['data']> = {}): AssignAssessment => ({
  type: 'AssignAssessment',
  data: { ...assignmentFields, rubricId: rubric.rubricId, rubric, now, ...change },
});
const assigned: AssignmentStreamEvent = {
  type: 'AssessmentAssigned',
  data: { ...assignmentFields, rubric },
};

const extend = (dueAt: string, at = now): ExtendAssessmentDue => ({
  type: 'ExtendAssessmentDue',
  data: { candidateId, assignmentId, dueAt, reason: 'travelling this week', now: at },
});
const extended = (dueAt: string): AssignmentStreamEvent => ({
  type: 'AssessmentDueExtended',
  data: { candidateId, assignmentId, dueAt, reason: 'travelling this week' },
});

const submission = {
  candidateId,
  assignmentId,
  reference: 'https://git.example.org/ada/rate-limiter',
  sha256: 'a'.repeat(64),
};
const submit = (at: string, id = assignmentId): SubmitAssessment => ({
  type: 'SubmitAssessment',
  data: { ...submission, assignmentId: id, now: at },
});
const submitted = (late: boolean): AssignmentStreamEvent => ({
  type: 'AssessmentSubmitted',
  data: { ...submission, late },
});

const allRated: CriterionRating[] = [
  { criterionId: 'design', rating: 3 },
  { criterionId: 'testing', rating: null },
];
const score = (reviewerId: string, ratings = allRated): ScoreAssessment => ({
  type: 'ScoreAssessment',
  data: {
    candidateId,
    assignmentId,
    reviewerId,
    ratings,
    strengths: 'Clear design',
    concerns: 'Few tests',
    notes: null,
    recommendation: 'yes',
  },
});
const scored = (reviewerId: string): AssignmentStreamEvent => ({
  type: 'AssessmentScored',
  data: score(reviewerId).data,
});

describe('assigning a take-home assessment', () => {
  it('records the assignment with the rubric version stamped on it', () => {
    spec.given(interviewing).when(assign()).then([assigned]);
  });

  it('may assign before interviews, in any open stage', () => {
    spec.given([registered]).when(assign()).then([assigned]);
  });

  it('refuses a candidate never registered (404) and a closed candidacy', () => {
    spec.given([]).when(assign()).thenThrows(AggregateNotFoundError);
    spec
      .given([...interviewing, rejected])
      .when(assign())
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
  });

  it('refuses a rubric that was never published', () => {
    spec
      .given(interviewing)
      .when(assign({ rubricId: 'r-9', rubric: null }))
      .thenThrows(CommandRejectedError, refusedWith('unknown-rubric', 'r-9'));
  });

  it('refuses a due time that is not in the future', () => {
    spec
      .given(interviewing)
      .when(assign({ dueAt: now }))
      .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
    spec
      .given(interviewing)
      .when(assign({ dueAt: '2030-02-01T12:00:00Z' }))
      .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
  });

  it('refuses a time that is not an instant', () => {
    spec
      .given(interviewing)
      .when(assign({ now: 'yesterday' }))
      .thenThrows(CommandRejectedError, refusedWith('invalid-instant'));
  });

  it('refuses an assignment id already used', () => {
    spec
      .given([...interviewing, assigned])
      .when(assign())
      .thenThrows(CommandRejectedError, refusedWith('assignment-already-assigned'));
  });
});

describe('extending the due time', () => {
  it('moves the due time later, with the reason', () => {
    spec
      .given([...interviewing, assigned])
      .when(extend('2030-03-10T12:00:00Z'))
      .then([extended('2030-03-10T12:00:00Z')]);
  });

  it('extends an overdue assignment to a time still ahead', () => {
    spec
      .given([...interviewing, assigned])
      .when(extend('2030-03-12T12:00:00Z', '2030-03-09T12:00:00Z'))
      .then([extended('2030-03-12T12:00:00Z')]);
  });

  it('refuses a due time not later than the current one, also after an extension', () => {
    spec
      .given([...interviewing, assigned])
      .when(extend(due))
      .thenThrows(CommandRejectedError, refusedWith('due-not-later', due));
    spec
      .given([...interviewing, assigned, extended('2030-03-10T12:00:00Z')])
      .when(extend('2030-03-09T12:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('due-not-later', '2030-03-10T12:00:00Z'));
  });

  it('refuses a later due time that has already passed', () => {
    spec
      .given([...interviewing, assigned])
      .when(extend('2030-03-09T12:00:00Z', '2030-03-10T12:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
  });

  it('refuses an unknown assignment (404), a submitted one and a closed candidacy', () => {
    spec
      .given(interviewing)
      .when(extend('2030-03-10T12:00:00Z'))
      .thenThrows(AggregateNotFoundError);
    spec
      .given([...interviewing, assigned, submitted(false)])
      .when(extend('2030-03-10T12:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('assessment-already-submitted'));
    spec
      .given([...interviewing, assigned, rejected])
      .when(extend('2030-03-10T12:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
  });
});

describe('submitting the work', () => {
  it('records the reference and checksum, on time up to and at the due time', () => {
    spec
      .given([...interviewing, assigned])
      .when(submit(now))
      .then([submitted(false)]);
    spec
      .given([...interviewing, assigned])
      .when(submit(due))
      .then([submitted(false)]);
  });

  it('accepts work after the due time, marked late', () => {
    spec
      .given([...interviewing, assigned])
      .when(submit('2030-03-08T12:00:01Z'))
      .then([submitted(true)]);
  });

  it('measures lateness against the extended due time', () => {
    spec
      .given([...interviewing, assigned, extended('2030-03-10T12:00:00Z')])
      .when(submit('2030-03-09T12:00:00Z'))
      .then([submitted(false)]);
  });

  it('takes one submission per assignment', () => {
    spec
      .given([...interviewing, assigned, submitted(false)])
      .when(submit(now))
      .thenThrows(CommandRejectedError, refusedWith('assessment-already-submitted'));
  });

  it('refuses an unknown assignment (404) and a closed candidacy', () => {
    spec
      .given([...interviewing, assigned])
      .when(submit(now, 'a-9'))
      .thenThrows(AggregateNotFoundError);
    spec
      .given([...interviewing, assigned, rejected])
      .when(submit(now))
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
  });
});

describe('scoring the work', () => {
  const ready = [...interviewing, assigned, submitted(true)];

  it("records a named reviewer's score against the stamped rubric", () => {
    spec
      .given(ready)
      .when(score('grace'))
      .then([scored('grace')]);
  });

  it('takes one score per reviewer, and each reviewer may score', () => {
    spec
      .given([...ready, scored('grace')])
      .when(score('alan'))
      .then([scored('alan')]);
    spec
      .given([...ready, scored('grace')])
      .when(score('grace'))
      .thenThrows(CommandRejectedError, refusedWith('assessment-already-scored'));
  });

  it('is as if the assignment did not exist to someone not named as its reviewer', () => {
    spec
      .given(ready)
      .when(score('barbara'))
      .thenThrows(AggregateNotFoundError, (error) => error.message.includes(assignmentId));
  });

  it('refuses to score work not submitted yet', () => {
    spec
      .given([...interviewing, assigned])
      .when(score('grace'))
      .thenThrows(CommandRejectedError, refusedWith('assessment-not-submitted'));
  });

  it('refuses a criterion the rubric does not have, one rated twice, and one left out', () => {
    spec
      .given(ready)
      .when(score('grace', [...allRated, { criterionId: 'humour', rating: 4 }]))
      .thenThrows(CommandRejectedError, refusedWith('unknown-criterion', 'humour'));
    spec
      .given(ready)
      .when(score('grace', [...allRated, { criterionId: 'design', rating: 4 }]))
      .thenThrows(CommandRejectedError, refusedWith('criterion-rated-twice', 'design'));
    spec
      .given(ready)
      .when(score('grace', [{ criterionId: 'design', rating: 2 }]))
      .thenThrows(CommandRejectedError, refusedWith('criterion-not-rated', 'testing'));
  });

  it('refuses an unknown assignment (404) and a closed candidacy', () => {
    spec.given(interviewing).when(score('grace')).thenThrows(AggregateNotFoundError);
    spec
      .given([...ready, rejected])
      .when(score('grace'))
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
  });
});

describe('the assignments fold', () => {
  it('keeps the current due time, the extensions, the submission and the scores, and survives a snapshot', () => {
    const history = [
      ...interviewing,
      assigned,
      extended('2030-03-10T12:00:00Z'),
      submitted(false),
      scored('grace'),
    ];
    const state = history.reduce(assignmentDecider.evolve, assignmentDecider.initialState());
    expect(state.assignments.get(assignmentId)).toMatchObject({
      dueAt: '2030-03-10T12:00:00Z',
      extensions: [{ dueAt: '2030-03-10T12:00:00Z', reason: 'travelling this week' }],
      submission: { reference: submission.reference, sha256: submission.sha256, late: false },
      scores: [{ reviewerId: 'grace', recommendation: 'yes', ratings: allRated }],
    });
    const snapshots = assignmentDecider.snapshots!;
    const restored = snapshots.deserialize(JSON.parse(JSON.stringify(snapshots.serialize(state))));
    expect(restored).toEqual(state);
    expect(() => snapshots.deserialize({ assignments: 'none' })).toThrow();
  });
});
