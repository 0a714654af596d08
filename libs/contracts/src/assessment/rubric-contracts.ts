import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import { identifier, multiLineText, singleLineText, uuid } from '../core/field-schemas';
import { notPersonal } from '../core/personal-data';

/* A rubric is the organization's own content: nothing in it is a person's data. */

const OWNER = 'assessment';

/** What each rating of a criterion means, so two interviewers give the same rating for the same answer. */
const RatingDescriptors = Type.Object(
  {
    '1': singleLineText(500, { examples: ['Could not explain the trade-offs'] }),
    '2': singleLineText(500),
    '3': singleLineText(500),
    '4': singleLineText(500, { examples: ['Compared three designs and chose with reasons'] }),
  },
  { additionalProperties: false },
);

export const RubricCriterion = Type.Object(
  {
    criterionId: identifier({ examples: ['system-design'] }),
    name: notPersonal(singleLineText(200, { examples: ['System design'] })),
    description: notPersonal(multiLineText(2_000)),
    weight: Type.Integer({ minimum: 1, maximum: 100, description: 'Relative weight' }),
    descriptors: RatingDescriptors,
  },
  { additionalProperties: false },
);
export type RubricCriterion = DeepReadonly<Static<typeof RubricCriterion>>;

/** A rubric's content; each publication is a new version and never changes an earlier one. */
export const rubricContentFields = {
  name: notPersonal(singleLineText(200, { examples: ['Backend engineer, senior'] })),
  criteria: Type.Array(RubricCriterion, {
    minItems: 1,
    maxItems: 30,
    description: 'Criterion ids are unique within the rubric',
  }),
};

export const rubricPublishedContract = eventContract({
  type: 'RubricPublished',
  owner: OWNER,
  description:
    'A version of a rubric was published: its criteria, weights and rating descriptors. Feedback already given keeps the version it was given against.',
  schemaVersion: 1,
  data: {
    rubricId: uuid(),
    version: Type.Integer({ minimum: 1 }),
    ...rubricContentFields,
  },
});

/**
 * The rubric version a piece of feedback or a review is given against, copied
 * into the request so the rating rules never change under it.
 */
export const StampedRubric = Type.Object(
  {
    rubricId: uuid(),
    version: Type.Integer({ minimum: 1 }),
    criteria: Type.Array(
      Type.Object(
        {
          criterionId: identifier(),
          name: notPersonal(singleLineText(200)),
          weight: Type.Integer({ minimum: 1, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);
export type StampedRubric = DeepReadonly<Static<typeof StampedRubric>>;

export const rubricEventContracts = [rubricPublishedContract] as const;
export type RubricEvent = EventOf<(typeof rubricEventContracts)[number]>;

export type RubricPublished = EventOf<typeof rubricPublishedContract>;
