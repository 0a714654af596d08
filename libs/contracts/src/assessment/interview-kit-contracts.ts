import { Type, type Static } from '@sinclair/typebox';
import { eventContract, type DeepReadonly, type EventOf } from '../core/event-contract';
import { identifier, multiLineText, oneOf, singleLineText, uuid } from '../core/field-schemas';
import { notPersonal } from '../core/personal-data';

/* A kit is the organization's own content: nothing in it is a person's data. */
import { INTERVIEW_KINDS } from '../scheduling/interview-vocabulary';
import { QUESTION_TYPES } from './assessment-vocabulary';

const OWNER = 'assessment';

export const KitQuestion = Type.Object(
  {
    questionId: identifier({ examples: ['q-1'] }),
    type: oneOf(QUESTION_TYPES),
    text: notPersonal(
      multiLineText(2_000, { examples: ['Tell me about a design you had to undo.'] }),
    ),
    guidance: notPersonal(
      multiLineText(5_000, { description: 'What a good answer shows; for the interviewer' }),
    ),
    criterionIds: Type.Array(identifier(), {
      maxItems: 30,
      description: "The rubric's criteria the question probes",
    }),
  },
  { additionalProperties: false },
);
export type KitQuestion = DeepReadonly<Static<typeof KitQuestion>>;

/** A kit's content; each publication is a new version of the kit of one job and interview kind. */
export const interviewKitContentFields = {
  title: notPersonal(singleLineText(200, { examples: ['Senior backend: technical interview'] })),
  rubricId: uuid({ description: 'The rubric feedback on these interviews is given against' }),
  questions: Type.Array(KitQuestion, { minItems: 1, maxItems: 100 }),
};

export const interviewKitPublishedContract = eventContract({
  type: 'InterviewKitPublished',
  owner: OWNER,
  description:
    "A version of the interview kit for one job and interview kind was published: questions grouped by type, each with guidance and the rubric's criteria it probes.",
  schemaVersion: 1,
  data: {
    jobId: identifier({ examples: ['job-7'] }),
    interviewKind: oneOf(INTERVIEW_KINDS),
    version: Type.Integer({ minimum: 1 }),
    ...interviewKitContentFields,
  },
});

export const interviewKitEventContracts = [interviewKitPublishedContract] as const;
export type InterviewKitEvent = EventOf<(typeof interviewKitEventContracts)[number]>;

export type InterviewKitPublished = EventOf<typeof interviewKitPublishedContract>;
