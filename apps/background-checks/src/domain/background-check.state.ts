import {
  CANDIDACY_EVENT_TYPES,
  CHECK_FACT_EVENT_TYPES,
  evolveCandidacy,
  evolveCheckFacts,
  type BackgroundChecksEvent,
  type Candidacy,
  type CandidateEvent,
  type CheckFacts,
} from '@hirestream/contracts';

/** The events of a candidate's stream the background-check decider folds. */
export type BackgroundCheckStreamEvent = CandidateEvent | BackgroundChecksEvent;

export const BACKGROUND_CHECK_STATE_EVENT_TYPES: ReadonlySet<string> = new Set([
  ...CANDIDACY_EVENT_TYPES,
  ...CHECK_FACT_EVENT_TYPES,
]);

/**
 * A candidate's stream as the background-checks service decides on it: the
 * candidacy (with the job its package is chosen by), the latest check, and
 * every provider delivery already taken (a replay decides nothing).
 */
export type BackgroundCheckState = Readonly<{
  candidacy: Candidacy | null;
  jobId: string | null;
  check: CheckFacts | null;
  deliveryIds: ReadonlySet<string>;
}>;

export const initialBackgroundCheckState = (): BackgroundCheckState => ({
  candidacy: null,
  jobId: null,
  check: null,
  deliveryIds: new Set(),
});

const isCandidateEvent = (event: BackgroundCheckStreamEvent): event is CandidateEvent =>
  CANDIDACY_EVENT_TYPES.has(event.type);

const deliveryIdOf = (event: BackgroundChecksEvent): string | undefined =>
  event.type === 'BackgroundCheckItemStarted' || event.type === 'BackgroundCheckItemResulted'
    ? event.data.deliveryId
    : undefined;

export function evolveBackgroundCheck(
  state: BackgroundCheckState,
  event: BackgroundCheckStreamEvent,
): BackgroundCheckState {
  if (isCandidateEvent(event)) {
    return {
      ...state,
      candidacy: evolveCandidacy(state.candidacy, event),
      jobId: event.type === 'CandidateRegistered' ? event.data.jobId : state.jobId,
    };
  }
  const deliveryId = deliveryIdOf(event);
  return {
    ...state,
    check: evolveCheckFacts(state.check, event),
    deliveryIds:
      deliveryId === undefined ? state.deliveryIds : new Set(state.deliveryIds).add(deliveryId),
  };
}
