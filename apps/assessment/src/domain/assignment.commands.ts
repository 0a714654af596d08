import type {
  AssessmentAssigned,
  AssessmentDueExtended,
  AssessmentScored,
  AssessmentSubmitted,
  Command,
  StampedRubric,
} from '@hirestream/contracts';

/** `now` is the time the command is decided at: deciders never read a clock. */
type At = Readonly<{ now: string }>;

/**
 * The rubric is looked up before deciding (its versions never change once
 * published); null when `rubricId` names no rubric, which the decider refuses.
 */
export type AssignAssessment = Command<
  'AssignAssessment',
  Omit<AssessmentAssigned['data'], 'rubric'> &
    At &
    Readonly<{ rubricId: string; rubric: StampedRubric | null }>
>;

export type ExtendAssessmentDue = Command<
  'ExtendAssessmentDue',
  AssessmentDueExtended['data'] & At
>;

export type SubmitAssessment = Command<
  'SubmitAssessment',
  Omit<AssessmentSubmitted['data'], 'late'> & At
>;

export type ScoreAssessment = Command<'ScoreAssessment', AssessmentScored['data']>;

export type AssignmentCommand =
  AssignAssessment | ExtendAssessmentDue | SubmitAssessment | ScoreAssessment;
