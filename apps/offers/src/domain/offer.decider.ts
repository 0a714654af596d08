import {
  AggregateNotFoundError,
  CANDIDACY_EVENT_TYPES,
  candidateStreamName,
  CHECK_FACT_EVENT_TYPES,
  checkStanding,
  CommandRejectedError,
  evolveCandidacy,
  evolveCheckFacts,
  normalizeText,
  OFFER_FACT_EVENT_TYPES,
  OPEN_OFFER_STATUSES,
  openCandidacy,
  sameCompensation,
  type ApprovalStep,
  type BackgroundChecksEvent,
  type CandidateEvent,
  type OffersEvent,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import { chooseApproval, stampContingencies } from './approval-chain';
import type {
  AcceptOffer,
  ApproveOffer,
  CounterOffer,
  DeclineOffer,
  DelegateOfferApproval,
  DraftOffer,
  ExpireOffer,
  ExtendOffer,
  OfferCommand,
  RecordContingencyMet,
  RejectOfferApproval,
  RescindOffer,
  ReviseOffer,
  WithdrawOpenOffer,
} from './offer.commands';
import type { CandidateOffers, Offer, OfferVersion } from './offer.state';

/** Everything in a candidate's stream this decider reads: the candidacy, the check and the offers. */
export type OfferStreamEvent = CandidateEvent | BackgroundChecksEvent | OffersEvent;

const instantOf = (instant: string): number => Date.parse(instant);

function existingOffer(state: CandidateOffers, offerId: string): Offer {
  const offer = state.offers.get(offerId);
  if (offer === undefined) throw new AggregateNotFoundError(`offer ${offerId} does not exist`);
  return offer;
}

function openOffer(state: CandidateOffers, offerId: string): Offer {
  const offer = existingOffer(state, offerId);
  if (!OPEN_OFFER_STATUSES.has(offer.status)) {
    throw new CommandRejectedError('offer-closed', `offer ${offerId} is ${offer.status}`);
  }
  return offer;
}

/** A command names the version it acts on; one on a superseded version is refused. */
function checkVersion(offer: Offer, version: number): void {
  if (offer.current.version !== version) {
    throw new CommandRejectedError(
      'version-superseded',
      `offer ${offer.offerId} is at version ${offer.current.version}, not ${version}`,
    );
  }
}

/** The step whose turn it is: the first not approved. */
function currentStep(offerVersion: OfferVersion): ApprovalStep | undefined {
  return offerVersion.approvalChain[offerVersion.approvals.length];
}

function checkExpiresInFuture(expiresAt: string, now: string): void {
  if (instantOf(expiresAt) <= instantOf(now)) {
    throw new CommandRejectedError(
      'in-the-past',
      `the offer must expire in the future (${expiresAt} is not after ${now})`,
    );
  }
}

function draft(command: DraftOffer, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, terms, policies, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const offers = [...state.offers.values()];
  const open = offers.find((offer) => OPEN_OFFER_STATUSES.has(offer.status));
  if (open !== undefined) {
    throw new CommandRejectedError(
      'open-offer-exists',
      `offer ${open.offerId} is open (${open.status}); draft a new version of it or rescind it`,
    );
  }
  const accepted = offers.find((offer) => offer.status === 'accepted');
  if (accepted !== undefined) {
    throw new CommandRejectedError(
      'offer-accepted',
      `offer ${accepted.offerId} is accepted; rescind it before drafting another`,
    );
  }
  if (state.offers.has(offerId)) {
    throw new CommandRejectedError('offer-already-drafted', `offer ${offerId} exists already`);
  }
  checkExpiresInFuture(terms.expiresAt, now);
  const jobId = state.candidate?.jobId ?? '';
  const chosen = chooseApproval(policies, jobId, terms);
  return {
    type: 'OfferDrafted',
    data: {
      candidateId,
      offerId,
      version: 1,
      terms: { ...terms, contingencies: stampContingencies(policies, terms.contingencies) },
      jobId,
      supersedes: null,
      ...chosen,
      approvalChain: [...chosen.approvalChain],
      carriedApprovals: [],
    },
  };
}

/**
 * A new version supersedes the current one. When its compensation is the
 * same and the current version was not rejected, the chain and the approvals
 * given are carried over (start date, expiry, location, benefits, title and
 * contingencies do not restart approval); any change of compensation draws
 * the chain afresh from the rules in force, and approval starts again.
 */
function revise(command: ReviseOffer, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, terms, policies, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const offer = openOffer(state, offerId);
  if (offer.status === 'extended') {
    throw new CommandRejectedError(
      'offer-with-candidate',
      `version ${offer.extended?.version} of offer ${offerId} awaits the candidate's answer; rescind it or wait`,
    );
  }
  checkExpiresInFuture(terms.expiresAt, now);
  const previous = offer.current;
  const stamped = { ...terms, contingencies: stampContingencies(policies, terms.contingencies) };
  const key = { candidateId, offerId, version: previous.version + 1, terms: stamped };
  const jobId = state.candidate?.jobId ?? '';
  if (previous.rejection === null && sameCompensation(previous.terms, terms)) {
    return {
      type: 'OfferDrafted',
      data: {
        ...key,
        jobId,
        jobLevel: previous.jobLevel,
        supersedes: previous.version,
        approvalChain: [...previous.approvalChain],
        carriedApprovals: [...previous.approvals],
        withinBand: previous.withinBand,
        policies: previous.policies,
      },
    };
  }
  const chosen = chooseApproval(policies, jobId, terms);
  return {
    type: 'OfferDrafted',
    data: {
      ...key,
      jobId,
      supersedes: previous.version,
      ...chosen,
      approvalChain: [...chosen.approvalChain],
      carriedApprovals: [],
    },
  };
}

/** The offer awaiting approval at `version`, and the step whose turn it is, which must be `approverId`'s. */
function approverTurn(
  state: CandidateOffers,
  data: Readonly<{ candidateId: string; offerId: string; version: number; approverId: string }>,
): ApprovalStep {
  openCandidacy(state.candidacy, data.candidateId);
  const offer = openOffer(state, data.offerId);
  checkVersion(offer, data.version);
  // To anyone not in its chain, an offer is as if it did not exist.
  if (!offer.current.approvalChain.some((step) => step.approverId === data.approverId)) {
    throw new AggregateNotFoundError(`offer ${data.offerId} does not exist`);
  }
  const step = offer.status === 'awaiting-approval' ? currentStep(offer.current) : undefined;
  if (step === undefined) {
    throw new CommandRejectedError(
      'not-awaiting-approval',
      `version ${data.version} of offer ${data.offerId} is ${offer.status}, not awaiting approval`,
    );
  }
  if (step.approverId !== data.approverId) {
    throw new CommandRejectedError(
      'not-current-approver',
      `it is the turn of step ${step.stepId}, whose approver is not ${data.approverId}`,
    );
  }
  return step;
}

function approve(command: ApproveOffer, state: CandidateOffers): OffersEvent {
  const { stepId } = approverTurn(state, command.data);
  return { type: 'OfferApproved', data: { ...command.data, stepId } };
}

function rejectApproval(command: RejectOfferApproval, state: CandidateOffers): OffersEvent {
  const { stepId } = approverTurn(state, command.data);
  return { type: 'OfferApprovalRejected', data: { ...command.data, stepId } };
}

function delegate(command: DelegateOfferApproval, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, version, stepId, delegatedBy, byAdmin, toApproverId, reason } =
    command.data;
  openCandidacy(state.candidacy, candidateId);
  const offer = openOffer(state, offerId);
  checkVersion(offer, version);
  if (offer.status !== 'awaiting-approval') {
    throw new CommandRejectedError(
      'not-awaiting-approval',
      `version ${version} of offer ${offerId} is ${offer.status}, not awaiting approval`,
    );
  }
  const { approvalChain, approvals } = offer.current;
  const index = approvalChain.findIndex((step) => step.stepId === stepId);
  if (index < 0) {
    throw new CommandRejectedError('unknown-step', `the chain has no step ${stepId}`);
  }
  if (index < approvals.length) {
    throw new CommandRejectedError('step-already-approved', `step ${stepId} is approved already`);
  }
  if (!byAdmin && !approvalChain.some((step) => step.approverId === delegatedBy)) {
    throw new AggregateNotFoundError(`offer ${offerId} does not exist`);
  }
  const fromApproverId = approvalChain[index].approverId;
  if (!byAdmin && fromApproverId !== delegatedBy) {
    throw new CommandRejectedError(
      'not-step-approver',
      `only step ${stepId}'s approver or an admin may delegate it`,
    );
  }
  if (toApproverId === fromApproverId) {
    throw new CommandRejectedError(
      'already-step-approver',
      `${toApproverId} is step ${stepId}'s approver already`,
    );
  }
  return {
    type: 'OfferApproverDelegated',
    data: { candidateId, offerId, version, stepId, fromApproverId, toApproverId, reason },
  };
}

/**
 * Whether the candidacy's background check lets the offer go out: a check
 * that is a contingency of the offer may still be under way, but never
 * failing; any other check started must have come back clear.
 */
function checkCheckStanding(state: CandidateOffers, offerVersion: OfferVersion): void {
  const standing = checkStanding(state.check);
  const adverseAction = state.check?.adverseAction;
  const failing =
    standing === 'adverse' ||
    (adverseAction !== undefined && adverseAction !== null && adverseAction.phase !== 'corrected');
  if (failing) {
    throw new CommandRejectedError(
      'check-failing',
      `the background check is in adverse action (${adverseAction?.phase ?? 'taken'}); the offer cannot be extended`,
    );
  }
  const contingent = offerVersion.terms.contingencies.some(
    (contingency) => contingency.settledBy === 'background-check',
  );
  if (standing === 'pending' && !contingent) {
    throw new CommandRejectedError(
      'check-unresolved',
      'the background check is not complete and clear, and the offer is not contingent on it',
    );
  }
}

/** Every rule of extending, checked before the letter is rendered and again when deciding. */
export function checkExtendable(
  state: CandidateOffers,
  data: Readonly<{ candidateId: string; offerId: string; version: number; now: string }>,
): OfferVersion {
  const candidacy = openCandidacy(state.candidacy, data.candidateId);
  const offer = openOffer(state, data.offerId);
  checkVersion(offer, data.version);
  if (offer.status !== 'approved') {
    throw new CommandRejectedError(
      'offer-not-approved',
      `version ${data.version} of offer ${data.offerId} is ${offer.status}; only a fully approved version is extended`,
    );
  }
  if (candidacy.stage !== 'offer') {
    throw new CommandRejectedError(
      'candidate-not-in-offer-stage',
      `the candidate is in ${candidacy.stage}; an offer is extended in the offer stage`,
    );
  }
  checkCheckStanding(state, offer.current);
  checkExpiresInFuture(offer.current.terms.expiresAt, data.now);
  return offer.current;
}

function extend(command: ExtendOffer, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, version, letter } = command.data;
  const offerVersion = checkExtendable(state, command.data);
  return {
    type: 'OfferExtended',
    data: { candidateId, offerId, version, expiresAt: offerVersion.terms.expiresAt, letter },
  };
}

/** The offer extended to the candidate at `version`, not expired by `now`. */
function awaitingAnswer(
  state: CandidateOffers,
  data: Readonly<{ candidateId: string; offerId: string; version: number; now: string }>,
): Offer {
  openCandidacy(state.candidacy, data.candidateId);
  const offer = existingOffer(state, data.offerId);
  if (offer.status === 'expired') {
    throw new CommandRejectedError('offer-expired', `offer ${data.offerId} has expired`);
  }
  if (offer.status !== 'extended' || offer.extended === null) {
    throw new CommandRejectedError(
      'offer-not-extended',
      `offer ${data.offerId} is ${offer.status}; there is no extended offer to answer`,
    );
  }
  if (offer.extended.version !== data.version) {
    throw new CommandRejectedError(
      'version-not-extended',
      `version ${offer.extended.version} of offer ${data.offerId} is extended, not ${data.version}`,
    );
  }
  // Decided by the clock, not by whether the timer has fired yet.
  if (instantOf(data.now) >= instantOf(offer.extended.expiresAt)) {
    throw new CommandRejectedError(
      'offer-expired',
      `offer ${data.offerId} expired at ${offer.extended.expiresAt}`,
    );
  }
  return offer;
}

/** A typed name as compared with the registered one: case and runs of spaces do not count. */
const signatureOf = (name: string) =>
  normalizeText(name).replace(/\s+/gu, ' ').toLocaleLowerCase('en');

function accept(command: AcceptOffer, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, version, signedName } = command.data;
  awaitingAnswer(state, command.data);
  if (signatureOf(signedName) !== signatureOf(state.candidate?.fullName ?? '')) {
    throw new CommandRejectedError(
      'signature-mismatch',
      'type your full name exactly as it is on your application to accept',
    );
  }
  return { type: 'OfferAccepted', data: { candidateId, offerId, version, signedName } };
}

function decline(command: DeclineOffer, state: CandidateOffers): OffersEvent {
  const { now: _now, ...declined } = command.data;
  awaitingAnswer(state, command.data);
  return { type: 'OfferDeclined', data: declined };
}

function counter(command: CounterOffer, state: CandidateOffers): OffersEvent {
  const { now: _now, proposals, ...countered } = command.data;
  awaitingAnswer(state, command.data);
  return { type: 'OfferCountered', data: { ...countered, proposals: [...proposals] } };
}

/** Rescinding is also how a person ends an accepted offer whose contingency failed. */
function rescind(command: RescindOffer, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, reason } = command.data;
  if (state.candidacy === null) {
    throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
  }
  const offer = existingOffer(state, offerId);
  if (offer.status === 'accepted') {
    if (state.candidacy.stage === 'hired') {
      throw new CommandRejectedError(
        'candidate-hired',
        `the candidate is hired on offer ${offerId}; it can no longer be rescinded`,
      );
    }
  } else {
    openCandidacy(state.candidacy, candidateId);
    openOffer(state, offerId);
  }
  return {
    type: 'OfferRescinded',
    data: { candidateId, offerId, version: offer.current.version, reason },
  };
}

/** Nothing when the timer is stale: the offer answered, ended, extended again later, or not yet due. */
function expire(command: ExpireOffer, state: CandidateOffers): OffersEvent[] {
  const { candidateId, offerId, version, now } = command.data;
  const offer = state.offers.get(offerId);
  const extended = offer?.extended;
  if (
    offer === undefined ||
    offer.status !== 'extended' ||
    extended === undefined ||
    extended === null ||
    extended.version !== version ||
    instantOf(now) < instantOf(extended.expiresAt)
  ) {
    return [];
  }
  return [
    {
      type: 'OfferExpired',
      data: { candidateId, offerId, version, expiresAt: extended.expiresAt },
    },
  ];
}

function withdraw(command: WithdrawOpenOffer, state: CandidateOffers): OffersEvent[] {
  const { candidateId, cause } = command.data;
  const open = [...state.offers.values()].find((offer) => OPEN_OFFER_STATUSES.has(offer.status));
  if (open === undefined) return [];
  return [
    {
      type: 'OfferWithdrawn',
      data: { candidateId, offerId: open.offerId, version: open.current.version, cause },
    },
  ];
}

function recordContingencyMet(command: RecordContingencyMet, state: CandidateOffers): OffersEvent {
  const { candidateId, offerId, kind } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const offer = existingOffer(state, offerId);
  if (!OPEN_OFFER_STATUSES.has(offer.status) && offer.status !== 'accepted') {
    throw new CommandRejectedError('offer-closed', `offer ${offerId} is ${offer.status}`);
  }
  const contingency = offer.current.terms.contingencies.find((c) => c.kind === kind);
  if (contingency === undefined || contingency.settledBy !== 'recorded') {
    throw new CommandRejectedError(
      'not-a-recorded-contingency',
      `offer ${offerId} has no contingency ${kind} that a person records as met`,
    );
  }
  if (offer.metContingencies.includes(kind)) {
    throw new CommandRejectedError('contingency-already-met', `${kind} is recorded as met already`);
  }
  return { type: 'OfferContingencyMet', data: command.data };
}

function decide(command: OfferCommand, state: CandidateOffers): OffersEvent | OffersEvent[] {
  switch (command.type) {
    case 'DraftOffer':
      return draft(command, state);
    case 'ReviseOffer':
      return revise(command, state);
    case 'ApproveOffer':
      return approve(command, state);
    case 'RejectOfferApproval':
      return rejectApproval(command, state);
    case 'DelegateOfferApproval':
      return delegate(command, state);
    case 'ExtendOffer':
      return extend(command, state);
    case 'AcceptOffer':
      return accept(command, state);
    case 'DeclineOffer':
      return decline(command, state);
    case 'CounterOffer':
      return counter(command, state);
    case 'RescindOffer':
      return rescind(command, state);
    case 'ExpireOffer':
      return expire(command, state);
    case 'WithdrawOpenOffer':
      return withdraw(command, state);
    case 'RecordContingencyMet':
      return recordContingencyMet(command, state);
    default:
      return assertNever(command);
  }
}

function withOffer(
  state: CandidateOffers,
  offerId: string,
  change: (offer: Offer) => Partial<Offer>,
): CandidateOffers {
  const offer = state.offers.get(offerId);
  if (offer === undefined) return state;
  return { ...state, offers: new Map(state.offers).set(offerId, { ...offer, ...change(offer) }) };
}

function withVersion(
  state: CandidateOffers,
  offerId: string,
  change: (current: OfferVersion) => Partial<OfferVersion>,
): CandidateOffers {
  return withOffer(state, offerId, (offer) => ({
    current: { ...offer.current, ...change(offer.current) },
  }));
}

function evolveOffers(state: CandidateOffers, event: OffersEvent): CandidateOffers {
  switch (event.type) {
    case 'OfferDrafted': {
      const { offerId, version, terms, jobLevel, withinBand, policies } = event.data;
      const current: OfferVersion = {
        version,
        terms,
        jobLevel,
        withinBand,
        policies,
        approvalChain: event.data.approvalChain,
        approvals: event.data.carriedApprovals,
        rejection: null,
      };
      const status =
        current.approvals.length >= current.approvalChain.length ? 'approved' : 'awaiting-approval';
      const previous = state.offers.get(offerId);
      const offer: Offer = {
        offerId,
        status,
        current,
        extended: previous?.extended ?? null,
        answer: previous?.answer ?? null,
        endReason: null,
        metContingencies: previous?.metContingencies ?? [],
      };
      return { ...state, offers: new Map(state.offers).set(offerId, offer) };
    }
    case 'OfferApproved': {
      const { offerId, stepId, approverId } = event.data;
      const next = withVersion(state, offerId, ({ approvals }) => ({
        approvals: [...approvals, { stepId, approverId }],
      }));
      return withOffer(next, offerId, ({ current }) => ({
        status:
          current.approvals.length >= current.approvalChain.length
            ? 'approved'
            : 'awaiting-approval',
      }));
    }
    case 'OfferApprovalRejected': {
      const { offerId, stepId, approverId, reason } = event.data;
      const next = withVersion(state, offerId, () => ({
        rejection: { stepId, approverId, reason },
      }));
      return withOffer(next, offerId, () => ({ status: 'approval-rejected' }));
    }
    case 'OfferApproverDelegated': {
      const { offerId, stepId, toApproverId } = event.data;
      return withVersion(state, offerId, ({ approvalChain }) => ({
        approvalChain: approvalChain.map((step) =>
          step.stepId === stepId ? { stepId, approverId: toApproverId } : step,
        ),
      }));
    }
    case 'OfferExtended': {
      const { version, expiresAt, letter } = event.data;
      return withOffer(state, event.data.offerId, ({ current }) => ({
        status: 'extended',
        extended: { version, terms: current.terms, expiresAt, letter },
        answer: null,
      }));
    }
    case 'OfferAccepted': {
      const { version, signedName } = event.data;
      return withOffer(state, event.data.offerId, () => ({
        status: 'accepted',
        answer: { kind: 'accepted', version, signedName },
      }));
    }
    case 'OfferDeclined': {
      const { version, category, reason } = event.data;
      return withOffer(state, event.data.offerId, () => ({
        status: 'declined',
        answer: { kind: 'declined', version, category, reason },
      }));
    }
    case 'OfferCountered': {
      const { version, proposals, message } = event.data;
      return withOffer(state, event.data.offerId, () => ({
        status: 'countered',
        answer: { kind: 'countered', version, proposals, message },
      }));
    }
    case 'OfferRescinded':
      return withOffer(state, event.data.offerId, () => ({
        status: 'rescinded',
        endReason: event.data.reason,
      }));
    case 'OfferExpired':
      return withOffer(state, event.data.offerId, () => ({ status: 'expired' }));
    case 'OfferWithdrawn':
      return withOffer(state, event.data.offerId, () => ({
        status: 'withdrawn',
        endReason: event.data.cause,
      }));
    case 'OfferContingencyMet':
      return withOffer(state, event.data.offerId, ({ metContingencies }) => ({
        metContingencies: [...metContingencies, event.data.kind],
      }));
    default:
      return assertNever(event);
  }
}

const isCandidateEvent = (event: OfferStreamEvent): event is CandidateEvent =>
  CANDIDACY_EVENT_TYPES.has(event.type);
const isCheckEvent = (event: OfferStreamEvent): event is BackgroundChecksEvent =>
  CHECK_FACT_EVENT_TYPES.has(event.type);

function evolve(state: CandidateOffers, event: OfferStreamEvent): CandidateOffers {
  if (isCandidateEvent(event)) {
    const candidate =
      event.type === 'CandidateRegistered'
        ? { fullName: event.data.fullName, jobId: event.data.jobId }
        : state.candidate;
    return { ...state, candidacy: evolveCandidacy(state.candidacy, event), candidate };
  }
  if (isCheckEvent(event)) return { ...state, check: evolveCheckFacts(state.check, event) };
  return evolveOffers(state, event);
}

const initialState = (): CandidateOffers => ({
  candidacy: null,
  candidate: null,
  check: null,
  offers: new Map(),
});

type StoredOffers = Omit<CandidateOffers, 'offers'> & Readonly<{ offers: Offer[] }>;

/** A candidate's offers as JSON and back (snapshots). */
const candidateOffersJson = {
  serialize: ({ offers, ...rest }: CandidateOffers): StoredOffers => ({
    ...rest,
    offers: [...offers.values()],
  }),
  deserialize: (stored: unknown): CandidateOffers => {
    const { offers, candidacy, candidate, check } = (stored ?? {}) as Partial<StoredOffers>;
    if (
      candidacy === undefined ||
      candidate === undefined ||
      check === undefined ||
      !Array.isArray(offers) ||
      !offers.every((offer) => typeof offer?.offerId === 'string')
    ) {
      throw new Error('not the offers of a candidate');
    }
    return {
      candidacy,
      candidate,
      check,
      offers: new Map(offers.map((offer) => [offer.offerId, offer])),
    };
  },
};

export const offerDecider: Decider<CandidateOffers, OfferCommand, OfferStreamEvent> = {
  decide,
  evolve,
  initialState,
  eventTypes: new Set([
    ...CANDIDACY_EVENT_TYPES,
    ...CHECK_FACT_EVENT_TYPES,
    ...OFFER_FACT_EVENT_TYPES,
  ]),
  // Every service appends to the candidate's stream, and every offer command and read loads it.
  snapshots: {
    name: 'offers',
    // Bump whenever `CandidateOffers`, `evolve` or `eventTypes` change: older snapshots are then ignored.
    version: 1,
    every: 50,
    ...candidateOffersJson,
  },
};

/** A candidate's stream, as the offers service decides on it. */
export const offerAggregate: Aggregate<CandidateOffers, OfferCommand, OfferStreamEvent> = {
  name: 'candidate-offers',
  decider: offerDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};
