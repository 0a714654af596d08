import { interviewKitContentFields } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** A kit version's content, sent whole for every version. */
export const InterviewKitBody = Type.Object(interviewKitContentFields, {
  title: 'InterviewKitContent',
  additionalProperties: false,
});
export type InterviewKitBody = Static<typeof InterviewKitBody>;
