import {
  identifier,
  INTERVIEW_KINDS,
  interviewKitContentFields,
  oneOf,
  type DeepReadonly,
  type InterviewKind,
  type StampedRubric,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import type { RubricView } from './rubric.view';

/** The token the interview guides are injected by. */
export const INTERVIEW_GUIDES = Symbol('INTERVIEW_GUIDES');

/** The current version of a job's kit for one interview kind (also the schema of a response). */
export const InterviewKitView = Type.Object(
  {
    jobId: identifier(),
    interviewKind: oneOf(INTERVIEW_KINDS),
    version: Type.Integer({ minimum: 1 }),
    ...interviewKitContentFields,
  },
  { title: 'InterviewKit', additionalProperties: false },
);
export type InterviewKitView = DeepReadonly<Static<typeof InterviewKitView>>;

/**
 * What feedback and reviews are given against, read from the kit and rubric
 * streams. Their versions never change once published, so reading them outside
 * a command's consistency boundary is safe: the version read is stamped into
 * the command and from there into the event.
 */
export interface InterviewGuides {
  /** The job's kit for the kind, at its current version; null when there is none. */
  kitFor(jobId: string, kind: InterviewKind): Promise<InterviewKitView | null>;
  /** The current version of the rubric of the job's kit for the kind; null without a kit. */
  rubricForInterview(jobId: string, kind: InterviewKind): Promise<StampedRubric | null>;
  /** The current version of a rubric; null when it was never published. */
  currentRubric(rubricId: string): Promise<StampedRubric | null>;
  /**
   * A version of a rubric (the current one when none is named) with its rating
   * descriptors, as a rater reads it; null when there is no such version.
   */
  rubricVersion(rubricId: string, version?: number): Promise<RubricView | null>;
}
