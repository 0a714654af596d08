import {
  AggregateNotFoundError,
  ApprovalStep,
  checkStanding,
  contingencyStanding,
  identifier,
  nullable,
  offerAcceptedContract,
  offerCounteredContract,
  offerDeclinedContract,
  offerDraftedContract,
  OfferLetterRecord,
  offerReasonText,
  OfferTerms,
  offerVersion,
  oneOf,
  OFFER_STATUSES,
  utcInstant,
  uuid,
  type DeepReadonly,
} from '@hirestream/contracts';
import { entityTagOf, type ActingPrincipal } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import type { CandidateOffers, Offer } from '../domain/offer.state';

const drafted = offerDraftedContract.schema.properties;
const declined = offerDeclinedContract.schema.properties;
const countered = offerCounteredContract.schema.properties;

const Answer = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('accepted'),
      version: offerVersion(),
      signedName: offerAcceptedContract.schema.properties.signedName,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('declined'),
      version: offerVersion(),
      category: declined.category,
      reason: declined.reason,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('countered'),
      version: offerVersion(),
      proposals: countered.proposals,
      message: countered.message,
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

const names = Type.Array(identifier());

/** An offer as staff read it: every term of the latest version, the chain, the candidate's answer. */
export const OfferView = Type.Object(
  {
    candidateId: uuid(),
    offerId: uuid(),
    status: oneOf(OFFER_STATUSES),
    version: offerVersion(),
    terms: OfferTerms,
    jobLevel: drafted.jobLevel,
    withinBand: drafted.withinBand,
    policies: drafted.policies,
    approvalChain: Type.Array(
      Type.Object(
        {
          ...ApprovalStep.properties,
          state: oneOf(['approved', 'current', 'waiting'] as const),
        },
        { additionalProperties: false },
      ),
    ),
    rejection: nullable(
      Type.Object(
        { ...ApprovalStep.properties, reason: offerReasonText() },
        { additionalProperties: false },
      ),
    ),
    extended: nullable(
      Type.Object(
        { version: offerVersion(), expiresAt: utcInstant(), letter: OfferLetterRecord },
        { additionalProperties: false },
      ),
    ),
    answer: Answer,
    endReason: nullable(Type.String()),
    contingencies: Type.Object(
      { met: names, pending: names, failed: names },
      { additionalProperties: false },
    ),
    needsRescission: Type.Boolean({
      description:
        'The offer is accepted and a contingency failed (a final adverse action): a person decides to rescind',
    }),
  },
  { title: 'Offer', additionalProperties: false },
);
export type OfferView = DeepReadonly<Static<typeof OfferView>>;

/** What the candidate reads of an offer extended to them: the version they were sent and their answer. */
export const CandidateOfferView = Type.Object(
  {
    candidateId: uuid(),
    offerId: uuid(),
    status: oneOf([
      'extended',
      'accepted',
      'declined',
      'countered',
      'rescinded',
      'expired',
      'withdrawn',
    ] as const),
    version: offerVersion(),
    terms: OfferTerms,
    expiresAt: utcInstant(),
    letter: OfferLetterRecord,
    answer: Answer,
  },
  { title: 'CandidateOffer', additionalProperties: false },
);
export type CandidateOfferView = DeepReadonly<Static<typeof CandidateOfferView>>;

export const OfferViewFor = Type.Union([OfferView, CandidateOfferView]);
export type OfferViewFor = OfferView | CandidateOfferView;

export const OfferList = Type.Object(
  { offers: Type.Array(OfferViewFor) },
  { title: 'OfferList', additionalProperties: false },
);
export type OfferList = Readonly<{ offers: OfferViewFor[] }>;

function staffView(candidateId: string, offer: Offer, state: CandidateOffers): OfferView {
  const { current } = offer;
  const approved = current.approvals.length;
  const standing = contingencyStanding(
    { contingencies: current.terms.contingencies, metContingencies: offer.metContingencies },
    checkStanding(state.check),
  );
  const { extended } = offer;
  return {
    candidateId,
    offerId: offer.offerId,
    status: offer.status,
    version: current.version,
    terms: current.terms,
    jobLevel: current.jobLevel,
    withinBand: current.withinBand,
    policies: current.policies,
    approvalChain: current.approvalChain.map((step, index) => ({
      ...step,
      state:
        index < approved
          ? 'approved'
          : index === approved && offer.status === 'awaiting-approval'
            ? 'current'
            : 'waiting',
    })),
    rejection: current.rejection,
    extended:
      extended === null
        ? null
        : { version: extended.version, expiresAt: extended.expiresAt, letter: extended.letter },
    answer: offer.answer,
    endReason: offer.endReason,
    contingencies: standing,
    needsRescission: offer.status === 'accepted' && standing.failed.length > 0,
  };
}

const CANDIDATE_STATUSES = new Set<string>(CandidateOfferView.properties.status.enum as string[]);

function candidateView(candidateId: string, offer: Offer): CandidateOfferView | undefined {
  const { extended } = offer;
  if (extended === null) return undefined;
  // A new version drafted after their counter stays the recruiters' until it is extended.
  const status = CANDIDATE_STATUSES.has(offer.status)
    ? (offer.status as CandidateOfferView['status'])
    : 'countered';
  return {
    candidateId,
    offerId: offer.offerId,
    status,
    version: extended.version,
    terms: extended.terms,
    expiresAt: extended.expiresAt,
    letter: extended.letter,
    answer: offer.answer,
  };
}

/**
 * What `viewer` may read of the offer; undefined when it is not theirs to know
 * of. An approver reads the offers whose chain names them, and the outcome of
 * what they just did (`acted`: a delegation takes them out of the chain).
 */
export function offerViewFor(
  state: CandidateOffers,
  candidateId: string,
  offer: Offer,
  viewer: ActingPrincipal,
  acted = false,
): OfferViewFor | undefined {
  switch (viewer.actingRole) {
    case 'candidate':
      return candidateView(candidateId, offer);
    case 'approver':
      return acted || offer.current.approvalChain.some((step) => step.approverId === viewer.subject)
        ? staffView(candidateId, offer, state)
        : undefined;
    default:
      return staffView(candidateId, offer, state);
  }
}

/** The candidate's offers (or one command's outcome on them) at a revision of their stream. */
export type OffersAt = Readonly<{ state: CandidateOffers; revision: bigint | undefined }>;

/** The candidate's offers; 404 for a candidate never registered. */
export function offersOf({ state, revision }: OffersAt, candidateId: string): CandidateOffers {
  if (state.candidacy === null || revision === undefined) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  return state;
}

/** Answers with one offer as `viewer` may read it; the ETag is the candidate stream's revision. */
export function replyWithOffer(
  reply: { header(name: string, value: string): unknown },
  read: OffersAt,
  candidateId: string,
  offerId: string,
  viewer: ActingPrincipal,
  acted = false,
): OfferViewFor {
  const state = offersOf(read, candidateId);
  const offer = state.offers.get(offerId);
  const view =
    offer === undefined ? undefined : offerViewFor(state, candidateId, offer, viewer, acted);
  if (view === undefined) throw new AggregateNotFoundError(`offer ${offerId} does not exist`);
  if (read.revision !== undefined) reply.header('etag', entityTagOf(read.revision));
  return view;
}
