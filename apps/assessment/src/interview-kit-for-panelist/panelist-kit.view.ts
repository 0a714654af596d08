import type { DeepReadonly } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { InterviewKitView } from '../interview-guides/interview-guides';
import { RubricView } from '../interview-guides/rubric.view';

/** What a panelist prepares and rates with: the kit's questions and the rubric version with its descriptors. */
export const PanelistKitView = Type.Object(
  {
    kit: InterviewKitView,
    rubric: Type.Union([RubricView, Type.Null()], {
      description:
        "The version the caller's feedback is given against (the one stamped on their request; before any request, the kit rubric's current version); null when the rubric was never published",
    }),
  },
  { title: 'PanelistKit', additionalProperties: false },
);
export type PanelistKitView = DeepReadonly<Static<typeof PanelistKitView>>;
