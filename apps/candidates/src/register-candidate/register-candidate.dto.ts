import {
  candidateRegistrationFields,
  phoneNumber,
  singleLineText,
  uuid,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const { fullName, email, jobId, source } = candidateRegistrationFields;

export const RegisterCandidateBody = Type.Object(
  {
    fullName,
    email,
    phone: Type.Optional(phoneNumber({ examples: ['+44 20 7946 0958'] })),
    jobId,
    source,
    resumeRef: Type.Optional(
      singleLineText(500, { description: 'Reference to the stored resume' }),
    ),
    personId: Type.Optional(
      uuid({
        description: "Links this candidacy to the person's earlier ones; a new id when omitted",
      }),
    ),
  },
  { title: 'RegisterCandidate', additionalProperties: false },
);
export type RegisterCandidateBody = Static<typeof RegisterCandidateBody>;
