import type { EventContract } from '../core/event-contract';
import type { JsonSchema } from '../core/json-schema';
import { CANDIDATE_STAGES, REJECTION_CATEGORIES } from './candidate-stage';
import type {
  CandidateRegistered,
  CandidateRejected,
  CandidateStageChanged,
  CandidateWithdrew,
  ScreeningRecorded,
} from './candidate-events';

const OWNER = 'candidates';
const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 100 };
const text = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });
const nullableText = (maxLength: number): JsonSchema => ({ type: ['string', 'null'], maxLength });
const stage: JsonSchema = { type: 'string', enum: CANDIDATE_STAGES };

function objectSchema(title: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:hirestream:event:${title}:1`,
    title,
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

export const candidateRegisteredContract: EventContract<CandidateRegistered> = {
  type: 'CandidateRegistered',
  owner: OWNER,
  description: 'A person applied for a job opening; this starts their candidacy.',
  schemaVersion: 1,
  schema: objectSchema('CandidateRegistered', {
    candidateId: id,
    personId: id,
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 320 },
    phone: nullableText(40),
    jobId: id,
    source: { type: 'string', minLength: 1, maxLength: 100 },
    resumeRef: nullableText(500),
  }),
  upcasters: [],
};

export const screeningRecordedContract: EventContract<ScreeningRecorded> = {
  type: 'ScreeningRecorded',
  owner: OWNER,
  description: "A recruiter recorded the outcome of the candidate's initial screening.",
  schemaVersion: 1,
  schema: objectSchema('ScreeningRecorded', {
    candidateId: id,
    passed: { type: 'boolean' },
    notes: text(10_000),
    screenedBy: id,
  }),
  upcasters: [],
};

export const candidateStageChangedContract: EventContract<CandidateStageChanged> = {
  type: 'CandidateStageChanged',
  owner: OWNER,
  description: 'The candidate moved forward to another stage of the process.',
  schemaVersion: 1,
  schema: objectSchema('CandidateStageChanged', { candidateId: id, from: stage, to: stage }),
  upcasters: [],
};

export const candidateRejectedContract: EventContract<CandidateRejected> = {
  type: 'CandidateRejected',
  owner: OWNER,
  description: 'The candidacy ended in rejection; the reason and feedback are recorded.',
  schemaVersion: 1,
  schema: objectSchema('CandidateRejected', {
    candidateId: id,
    category: { type: 'string', enum: REJECTION_CATEGORIES },
    reason: { type: 'string', minLength: 1, maxLength: 2_000 },
    feedbackForCandidate: nullableText(5_000),
    stageAtRejection: stage,
  }),
  upcasters: [],
};

export const candidateWithdrewContract: EventContract<CandidateWithdrew> = {
  type: 'CandidateWithdrew',
  owner: OWNER,
  description: 'The candidate withdrew from the process.',
  schemaVersion: 1,
  schema: objectSchema('CandidateWithdrew', {
    candidateId: id,
    reason: nullableText(2_000),
    stageAtWithdrawal: stage,
  }),
  upcasters: [],
};

export const candidateEventContracts = [
  candidateRegisteredContract,
  screeningRecordedContract,
  candidateStageChangedContract,
  candidateRejectedContract,
  candidateWithdrewContract,
] as const;
