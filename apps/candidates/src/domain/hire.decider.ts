import {
  acceptedOfferOf,
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CHECK_FACT_EVENT_TYPES,
  checkStanding,
  CLOSED_CANDIDACY_STAGES,
  contingencyStanding,
  evolveCandidacy,
  evolveCheckFacts,
  evolveOfferFacts,
  NO_OFFERS,
  OFFER_FACT_EVENT_TYPES,
  type BackgroundChecksEvent,
  type Candidacy,
  type CandidateEvent,
  type CandidateHired,
  type CheckFacts,
  type Command,
  type OfferFact,
  type OfferFacts,
  type OffersEvent,
} from '@hirestream/contracts';
import type { Aggregate, Decider } from '@hirestream/event-sourcing';

/** Hire the candidate if the stream says so: decided on the facts, so it may decide nothing. */
export type HireCandidate = Command<'HireCandidate', Readonly<{ candidateId: string }>>;

/** What the hire reads of a candidate's stream: the candidacy, the offers, the check. */
export type HireState = Readonly<{
  candidacy: Candidacy | null;
  offers: OfferFacts;
  check: CheckFacts | null;
}>;

export type HireStreamEvent = CandidateEvent | OffersEvent | BackgroundChecksEvent;

/**
 * An open candidacy whose accepted offer has every contingency met is hired;
 * anything else decides nothing (yet), so the offer's acceptance and the
 * check's clearing may arrive in either order, and again. A failed
 * contingency hires nobody: the offer view surfaces it for a person to rescind.
 */
function decide({ data: { candidateId } }: HireCandidate, state: HireState): CandidateHired[] {
  const { candidacy } = state;
  if (candidacy === null || CLOSED_CANDIDACY_STAGES.has(candidacy.stage)) return [];
  const accepted: OfferFact | undefined = acceptedOfferOf(state.offers);
  if (accepted === undefined || accepted.acceptedVersion === null) return [];
  const { pending, failed } = contingencyStanding(accepted, checkStanding(state.check));
  if (pending.length > 0 || failed.length > 0) return [];
  return [
    {
      type: 'CandidateHired',
      data: {
        candidateId,
        offerId: accepted.offerId,
        offerVersion: accepted.acceptedVersion,
        stageAtHire: candidacy.stage,
      },
    },
  ];
}

function evolve(state: HireState, event: HireStreamEvent): HireState {
  if (CANDIDACY_EVENT_TYPES.has(event.type)) {
    return { ...state, candidacy: evolveCandidacy(state.candidacy, event as CandidateEvent) };
  }
  if (CHECK_FACT_EVENT_TYPES.has(event.type)) {
    return { ...state, check: evolveCheckFacts(state.check, event as BackgroundChecksEvent) };
  }
  return { ...state, offers: evolveOfferFacts(state.offers, event as OffersEvent) };
}

type StoredHireState = Omit<HireState, 'offers'> & Readonly<{ offers: OfferFact[] }>;

export const hireDecider: Decider<HireState, HireCandidate, HireStreamEvent> = {
  decide,
  evolve,
  initialState: () => ({ candidacy: null, offers: NO_OFFERS, check: null }),
  eventTypes: new Set([
    ...CANDIDACY_EVENT_TYPES,
    ...OFFER_FACT_EVENT_TYPES,
    ...CHECK_FACT_EVENT_TYPES,
  ]),
  snapshots: {
    name: 'candidates-hire',
    // Bump whenever `HireState`, `evolve` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    serialize: ({ offers, ...rest }): StoredHireState => ({
      ...rest,
      offers: [...offers.values()],
    }),
    deserialize: (stored) => {
      const { candidacy, offers, check } = (stored ?? {}) as Partial<StoredHireState>;
      if (candidacy === undefined || check === undefined || !Array.isArray(offers)) {
        throw new Error('not the hire state of a candidate');
      }
      return { candidacy, check, offers: new Map(offers.map((offer) => [offer.offerId, offer])) };
    },
  },
};

/** A candidate's stream, as the candidates service decides the hire on it. */
export const hireAggregate: Aggregate<HireState, HireCandidate, HireStreamEvent> = {
  name: 'candidate-hire',
  decider: hireDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
