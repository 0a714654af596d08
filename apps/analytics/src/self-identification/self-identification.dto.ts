import {
  identifier,
  oneOf,
  SelfIdentificationAnswer,
  uuid,
  type FieldProblem,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** Either answers with consent, or a decline of every category: `{ "declined": true }`. */
export const RecordSelfIdentificationBody = Type.Object(
  {
    answers: Type.Optional(
      Type.Array(SelfIdentificationAnswer, {
        minItems: 1,
        maxItems: 20,
        description:
          "One per category your jurisdiction asks (GET shows them); 'declined' where you prefer not to say",
      }),
    ),
    consent: Type.Optional(
      Type.Boolean({
        description:
          'You agree that your answers are used, only in aggregate counts, to monitor the fairness of selection; required (true) with answers',
      }),
    ),
    declined: Type.Optional(
      Type.Literal(true, { description: 'You decline to self-identify at all' }),
    ),
  },
  { title: 'RecordSelfIdentification', additionalProperties: false },
);
export type RecordSelfIdentificationBody = Static<typeof RecordSelfIdentificationBody>;

/** Answers with consent true, or `declined` alone. */
export function answersOrDecline(body: RecordSelfIdentificationBody): FieldProblem[] {
  if (body.declined === true) {
    return body.answers === undefined && body.consent === undefined
      ? []
      : [
          {
            field: 'declined',
            rule: 'declinedAlone',
            message: 'declined goes alone: no answers, no consent',
          },
        ];
  }
  if (body.answers === undefined) {
    return [
      {
        field: 'answers',
        rule: 'required',
        message: 'give answers (with consent: true), or declined: true',
      },
    ];
  }
  if (body.consent !== true) {
    return [
      {
        field: 'consent',
        rule: 'consentRequired',
        message: 'answers are recorded only with your explicit consent: consent must be true',
      },
    ];
  }
  return [];
}

const CategoryAsked = Type.Object(
  { category: identifier(), choices: Type.Array(identifier()) },
  { additionalProperties: false },
);

/** The candidate's own view: what their jurisdiction asks and what is in force. Never shown to staff. */
export const SelfIdentificationView = Type.Object(
  {
    candidateId: uuid(),
    jurisdiction: identifier(),
    asked: Type.Array(CategoryAsked),
    status: oneOf(['none', 'given', 'declined'] as const),
    answers: Type.Array(SelfIdentificationAnswer),
  },
  { title: 'SelfIdentification', additionalProperties: false },
);
export type SelfIdentificationView = Static<typeof SelfIdentificationView>;
