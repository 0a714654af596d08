import { Type } from '@sinclair/typebox';
import { eventContract, type EventOf } from '../core/event-contract';
import {
  actorId,
  emailAddress,
  identifier,
  multiLineText,
  nullable,
  oneOf,
  phoneNumber,
  singleLineText,
  uuid,
} from '../core/field-schemas';
import { CANDIDATE_SUBJECT, personal } from '../core/personal-data';
import { normalizeText } from '../core/text-rules';
import { CANDIDATE_STAGES, REJECTION_CATEGORIES } from './candidate-stage';

const OWNER = 'candidates';

/** What a registration records about the person and where they applied, shared with the API. */
export const candidateRegistrationFields = {
  fullName: personal(
    singleLineText(200, { description: "The person's full name", examples: ['Ada Lovelace'] }),
  ),
  email: personal(emailAddress({ examples: ['ada@example.org'] })),
  phone: nullable(personal(phoneNumber({ examples: ['+44 20 7946 0958'] }))),
  jobId: identifier({ description: 'The job opening applied for', examples: ['job-7'] }),
  source: singleLineText(100, {
    description: 'Where the candidate came from (careers site, referral, agency...)',
    examples: ['referral'],
  }),
  // The resume's file name may be the person's name.
  resumeRef: nullable(
    personal(singleLineText(500, { description: 'Reference to the stored resume' })),
  ),
};

/** The field rules of the texts people write about a candidacy, shared with the API. */
export const screeningNotesText = () =>
  personal(
    multiLineText(10_000, { examples: ['Strong on distributed systems; available from March.'] }),
  );
export const rejectionReasonText = () =>
  personal(
    multiLineText(2_000, { description: 'Why, for the record (not shown to the candidate)' }),
  );
export const feedbackForCandidateText = () =>
  personal(multiLineText(5_000, { description: 'Constructive feedback the candidate is sent' }));
export const withdrawalReasonText = () => personal(multiLineText(2_000));

export const candidateRegisteredContract = eventContract({
  type: 'CandidateRegistered',
  owner: OWNER,
  description: 'A person applied for a job opening; this starts their candidacy.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    personId: uuid({
      description: 'Links the candidacies of one person who applied more than once',
    }),
    ...candidateRegistrationFields,
  },
  dataSubject: { ...CANDIDATE_SUBJECT, personField: 'personId' },
});

export const screeningRecordedContract = eventContract({
  type: 'ScreeningRecorded',
  owner: OWNER,
  description: "A recruiter recorded the outcome of the candidate's initial screening.",
  schemaVersion: 2,
  data: {
    candidateId: uuid(),
    passed: Type.Boolean(),
    notes: nullable(screeningNotesText()),
    screenedBy: actorId(),
  },
  upcasters: [
    {
      // v1 kept notes as a string, empty when there were none.
      fromVersion: 1,
      personalPaths: ['/notes'],
      upcast: ({ notes, ...rest }) => {
        const text = typeof notes === 'string' ? normalizeText(notes) : '';
        return { ...rest, notes: text === '' ? null : text };
      },
    },
  ],
});

export const candidateStageChangedContract = eventContract({
  type: 'CandidateStageChanged',
  owner: OWNER,
  description: 'The candidate moved forward to another stage of the process.',
  schemaVersion: 1,
  data: { candidateId: uuid(), from: oneOf(CANDIDATE_STAGES), to: oneOf(CANDIDATE_STAGES) },
});

export const candidateRejectedContract = eventContract({
  type: 'CandidateRejected',
  owner: OWNER,
  description: 'The candidacy ended in rejection; the reason and feedback are recorded.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    category: oneOf(REJECTION_CATEGORIES),
    reason: rejectionReasonText(),
    feedbackForCandidate: nullable(feedbackForCandidateText()),
    stageAtRejection: oneOf(CANDIDATE_STAGES),
  },
});

export const candidateWithdrewContract = eventContract({
  type: 'CandidateWithdrew',
  owner: OWNER,
  description: 'The candidate withdrew from the process.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    reason: nullable(withdrawalReasonText()),
    stageAtWithdrawal: oneOf(CANDIDATE_STAGES),
  },
});

export const candidateHiredContract = eventContract({
  type: 'CandidateHired',
  owner: OWNER,
  description:
    'The candidate accepted an offer and every contingency of it is met; the candidacy ends in a hire.',
  schemaVersion: 1,
  data: {
    candidateId: uuid(),
    offerId: uuid({ description: 'The offer accepted' }),
    offerVersion: Type.Integer({ minimum: 1, description: 'The version accepted' }),
    stageAtHire: oneOf(CANDIDATE_STAGES),
  },
});

export const candidateEventContracts = [
  candidateRegisteredContract,
  screeningRecordedContract,
  candidateStageChangedContract,
  candidateRejectedContract,
  candidateWithdrewContract,
  candidateHiredContract,
] as const;

export type CandidateRegistered = EventOf<typeof candidateRegisteredContract>;
export type ScreeningRecorded = EventOf<typeof screeningRecordedContract>;
export type CandidateStageChanged = EventOf<typeof candidateStageChangedContract>;
export type CandidateRejected = EventOf<typeof candidateRejectedContract>;
export type CandidateWithdrew = EventOf<typeof candidateWithdrewContract>;
export type CandidateHired = EventOf<typeof candidateHiredContract>;

export type CandidateEvent =
  | CandidateRegistered
  | ScreeningRecorded
  | CandidateStageChanged
  | CandidateRejected
  | CandidateWithdrew
  | CandidateHired;
