import {
  actorId,
  AggregateNotFoundError,
  CANDIDATE_STAGES,
  ERASURE_REASONS,
  ERASURE_REFUSAL_GROUNDS,
  identifier,
  nullable,
  oneOf,
  personalDataErasedContract,
  personalDataRetentionScheduledContract,
  utcInstant,
  uuid,
  type PersonalDataErased,
} from '@hirestream/contracts';
import { entityTagOf } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import { candidaciesOfKeys } from '../domain/personal-data.decider';
import type { PersonalDataState } from '../domain/personal-data.state';

/** An erasure as recorded in the candidacy's stream, with the candidacies it reached. */
export const PersonalDataErasureView = Type.Object(
  {
    ...personalDataErasedContract.schema.properties,
    candidateIds: Type.Array(uuid(), {
      description: 'Every candidacy whose data key the erasure deleted (this one among them)',
    }),
  },
  { title: 'PersonalDataErasure', additionalProperties: false },
);
export type PersonalDataErasureView = Static<typeof PersonalDataErasureView>;

export function erasureView(erasure: PersonalDataErased['data']): PersonalDataErasureView {
  return {
    ...erasure,
    keyIds: [...erasure.keyIds],
    candidateIds: candidaciesOfKeys(erasure.keyIds),
  };
}

const ErasureRequestView = Type.Object(
  {
    requestId: uuid(),
    reason: oneOf(ERASURE_REASONS),
    requestedBy: actorId(),
    status: oneOf(['pending', 'approved', 'refused']),
    decidedBy: nullable(actorId()),
    refusalGround: nullable(oneOf(ERASURE_REFUSAL_GROUNDS)),
  },
  { title: 'ErasureRequest', additionalProperties: false },
);

/** What the candidacy's stream says of its personal data; no personal value in it. */
export const PersonalDataView = Type.Object(
  {
    candidateId: uuid(),
    personId: uuid(),
    jobId: identifier(),
    stage: oneOf(CANDIDATE_STAGES),
    requests: Type.Array(ErasureRequestView),
    consent: nullable(
      Type.Object(
        { keepUntil: utcInstant(), recordedBy: actorId() },
        {
          additionalProperties: false,
          description: 'The candidate consented to be kept until then',
        },
      ),
    ),
    retention: nullable(
      Type.Object(personalDataRetentionScheduledContract.schema.properties, {
        additionalProperties: false,
        description: 'When the retention policy erases the closed candidacy',
      }),
    ),
    erasure: nullable(PersonalDataErasureView),
    revision: Type.String({ pattern: '^\\d+$', description: 'The stream revision, also the ETag' }),
  },
  { title: 'PersonalData', additionalProperties: false },
);
export type PersonalDataView = Static<typeof PersonalDataView>;

/** The view of a candidate's personal-data facts, with the stream revision as ETag; 404 for none. */
export function replyWithPersonalData(
  reply: { header(name: string, value: string): unknown },
  { state, revision }: Readonly<{ state: PersonalDataState; revision: bigint | undefined }>,
): PersonalDataView {
  const { candidacy, registration } = state;
  if (candidacy === null || registration === null || revision === undefined) {
    throw new AggregateNotFoundError('the candidate does not exist');
  }
  reply.header('etag', entityTagOf(revision));
  return {
    candidateId: candidacy.candidateId,
    personId: registration.personId,
    jobId: registration.jobId,
    stage: candidacy.stage,
    requests: state.requests.map((request) => ({ ...request })),
    consent: state.consent === null ? null : { ...state.consent },
    retention:
      state.retention === null
        ? null
        : { ...state.retention, policy: { ...state.retention.policy } },
    erasure: state.erasure === null ? null : erasureView(state.erasure),
    revision: revision.toString(),
  };
}
