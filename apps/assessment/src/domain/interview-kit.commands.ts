import type { Command, StampedRubric } from '@hirestream/contracts';
import type { InterviewKitPublished } from '@hirestream/contracts';

/**
 * The next version of a job's kit for one interview kind. `rubric` is the
 * kit's rubric at its current version, as read from the rubric's stream just
 * before (null when no such rubric was ever published): versions never change
 * once published, so what was read stays true.
 */
export type PublishInterviewKit = Command<
  'PublishInterviewKit',
  Omit<InterviewKitPublished['data'], 'version'> & { rubric: StampedRubric | null }
>;

export type InterviewKitCommand = PublishInterviewKit;
