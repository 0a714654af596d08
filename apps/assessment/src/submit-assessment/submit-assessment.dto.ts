import {
  assessmentSubmittedContract,
  singleLineText,
  type FieldProblem,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const submitted = assessmentSubmittedContract.schema.properties;

export const SubmitAssessmentBody = Type.Object(
  {
    reference: singleLineText(2_000, {
      description:
        'An https:// link to the work, or a reference to content stored elsewhere (no spaces, no other URL scheme)',
      examples: ['https://git.example.org/ada/rate-limiter', 'uploads/ada/rate-limiter.zip'],
    }),
    sha256: submitted.sha256,
  },
  { title: 'SubmitAssessment', additionalProperties: false },
);
export type SubmitAssessmentBody = Static<typeof SubmitAssessmentBody>;

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const STORED_CONTENT = /^\S+$/u;

function isHttpsLink(reference: string): boolean {
  try {
    const url = new URL(reference);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A link is https (the reviewers fetch it); anything else names stored content, without spaces. */
export function submissionReference({ reference }: SubmitAssessmentBody): FieldProblem[] {
  const valid = URL_SCHEME.test(reference)
    ? isHttpsLink(reference)
    : STORED_CONTENT.test(reference);
  return valid
    ? []
    : [
        {
          field: 'reference',
          rule: 'submissionReference',
          message:
            'reference must be an https:// link or a reference to stored content without spaces',
        },
      ];
}
