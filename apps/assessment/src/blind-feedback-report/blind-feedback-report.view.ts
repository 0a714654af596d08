import { ACTOR_ROLES, actorId, nullable, oneOf, utcInstant, uuid } from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';

const streamPoint = {
  revision: Type.String({
    pattern: '^\\d{1,20}$',
    description: "The event's revision in the candidate's stream: the order things happened in",
  }),
  at: utcInstant(),
};
const author = { interviewId: uuid(), interviewerId: actorId() };

export const BlindFeedbackReportView = Type.Object(
  {
    candidateId: uuid(),
    reveals: Type.Array(
      Type.Object(
        {
          ...streamPoint,
          readerId: actorId(),
          readerRole: oneOf(ACTOR_ROLES),
          ...author,
          readerSubmittedFirst: nullable(
            Type.Boolean({
              description:
                "For a reader on that interview's panel: whether their own feedback on it came first; null for a reader not on it",
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { description: 'Who was shown whose feedback, one line per panelist shown, oldest first' },
    ),
    recommendations: Type.Array(
      Type.Object(
        {
          ...streamPoint,
          ...author,
          kind: oneOf(['submitted', 'amended'] as const),
          seenBefore: Type.Array(Type.Object({ ...author, ...streamPoint }), {
            description:
              "Other panelists' feedback on the candidate the author had been shown by then",
          }),
        },
        { additionalProperties: false },
      ),
      { description: 'Every submission and amendment, oldest first (not their content)' },
    ),
    everyPanelistRevealAfterOwnSubmission: Type.Boolean(),
    everySubmissionBlind: Type.Boolean({
      description: "No submission's author had seen anyone else's feedback on the candidate",
    }),
  },
  { title: 'BlindFeedbackReport', additionalProperties: false },
);
