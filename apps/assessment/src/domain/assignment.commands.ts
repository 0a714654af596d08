import type { AssignmentEvent, Command, StampedRubric } from '@hirestream/contracts';

type EventData<T extends AssignmentEvent['type']> = Extract<AssignmentEvent, { type: T }>['data'];

/** `now` is the time the command is decided at: deciders never read a clock. */
type At = Readonly<{ now: string }>;

/**
 * The rubric is looked up before deciding (its versions never change once
 * published); null when `rubricId` names no rubric, which the decider refuses.
 */
export type AssignAssessment = Command<
  'AssignAssessment',
  Omit<EventData<'AssessmentAssigned'>, 'rubric'> &
    At &
    Readonly<{ rubricId: string; rubric: StampedRubric | null }>
>;

export type ExtendAssessmentDue = Command<
  'ExtendAssessmentDue',
  EventData<'AssessmentDueExtended'> & At
>;

export type SubmitAssessment = Command<
  'SubmitAssessment',
  Omit<EventData<'AssessmentSubmitted'>, 'late'> & At
>;

export type ScoreAssessment = Command<'ScoreAssessment', EventData<'AssessmentScored'>>;

export type AssignmentCommand =
  AssignAssessment | ExtendAssessmentDue | SubmitAssessment | ScoreAssessment;
