import {
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CHECK_FACT_EVENT_TYPES,
  checkStanding,
  evolveCandidacy,
  evolveCheckFacts,
  type BackgroundChecksEvent,
  type Candidacy,
  type CandidateEvent,
  type CandidateStageChanged,
  type CheckFacts,
  type Command,
} from '@hirestream/contracts';
import type { Aggregate, Decider } from '@hirestream/event-sourcing';

/**
 * Move a candidate whose check has cleared on to the offer stage, if the
 * stream says so: decided on the facts, so it may decide nothing.
 */
export type AdvanceOnClearCheck = Command<'AdvanceOnClearCheck', Readonly<{ candidateId: string }>>;

/** What the move reads of a candidate's stream: the candidacy and its latest check. */
export type OfferStageState = Readonly<{ candidacy: Candidacy | null; check: CheckFacts | null }>;

export type OfferStageStreamEvent = CandidateEvent | BackgroundChecksEvent;

/**
 * A candidate in the background-check stage whose check is clear (completed,
 * every consider or suspended item engaged) moves to the offer stage; in any
 * other stage (moved on already, closed) or with the check still pending, it
 * decides nothing, so a redelivery or a late adjudication changes nothing.
 */
function decide(
  { data: { candidateId } }: AdvanceOnClearCheck,
  state: OfferStageState,
): CandidateStageChanged[] {
  if (state.candidacy?.stage !== 'background-check' || checkStanding(state.check) !== 'clear') {
    return [];
  }
  return [
    { type: 'CandidateStageChanged', data: { candidateId, from: 'background-check', to: 'offer' } },
  ];
}

function evolve(state: OfferStageState, event: OfferStageStreamEvent): OfferStageState {
  return CANDIDACY_EVENT_TYPES.has(event.type)
    ? { ...state, candidacy: evolveCandidacy(state.candidacy, event as CandidateEvent) }
    : { ...state, check: evolveCheckFacts(state.check, event as BackgroundChecksEvent) };
}

export const offerStageDecider: Decider<
  OfferStageState,
  AdvanceOnClearCheck,
  OfferStageStreamEvent
> = {
  decide,
  evolve,
  initialState: () => ({ candidacy: null, check: null }),
  eventTypes: new Set([...CANDIDACY_EVENT_TYPES, ...CHECK_FACT_EVENT_TYPES]),
};

/** A candidate's stream, as the candidates service moves a cleared candidate to the offer stage. */
export const offerStageAggregate: Aggregate<
  OfferStageState,
  AdvanceOnClearCheck,
  OfferStageStreamEvent
> = {
  name: 'candidate-offer-stage',
  decider: offerStageDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
