/** What a base salary is paid per. */
export const PAY_PERIODS = ['year', 'month', 'hour'] as const;
export type PayPeriod = (typeof PAY_PERIODS)[number];

export const EQUITY_TYPES = ['rsu', 'stock-option', 'phantom-share'] as const;
export type EquityType = (typeof EQUITY_TYPES)[number];

/** How often equity vests once past the cliff. */
export const VESTING_FREQUENCIES = ['monthly', 'quarterly', 'annually'] as const;
export type VestingFrequency = (typeof VESTING_FREQUENCIES)[number];

export const WORK_ARRANGEMENTS = ['on-site', 'hybrid', 'remote'] as const;
export type WorkArrangement = (typeof WORK_ARRANGEMENTS)[number];

/**
 * How a contingency is met: `background-check` by the candidacy's check coming
 * back clear (read from the candidate stream), `recorded` by a person recording
 * that it is met (a right-to-work document seen, references taken).
 */
export const CONTINGENCY_SETTLEMENTS = ['background-check', 'recorded'] as const;
export type ContingencySettlement = (typeof CONTINGENCY_SETTLEMENTS)[number];

/** Why a candidate declined, for reporting; their own words go with it. */
export const DECLINE_CATEGORIES = [
  'compensation',
  'another-offer',
  'role',
  'location',
  'start-date',
  'personal',
  'other',
] as const;
export type DeclineCategory = (typeof DECLINE_CATEGORIES)[number];

/** The terms a candidate's counter-proposal may name. */
export const COUNTERABLE_TERMS = [
  'base-salary',
  'target-bonus',
  'equity',
  'sign-on-bonus',
  'benefits',
  'start-date',
  'work-location',
  'other',
] as const;
export type CounterableTerm = (typeof COUNTERABLE_TERMS)[number];

/** Why an offer ended without a person deciding on it: its candidacy closed. */
export const OFFER_WITHDRAWAL_CAUSES = ['candidate-rejected', 'candidate-withdrew'] as const;
export type OfferWithdrawalCause = (typeof OFFER_WITHDRAWAL_CAUSES)[number];

/**
 * Where an offer stands. Open: awaiting approval, approval rejected (a new
 * version is drafted or the offer rescinded), approved, extended (with the
 * candidate), countered (recruiters draft a new version). Every other status is final.
 */
export const OFFER_STATUSES = [
  'awaiting-approval',
  'approval-rejected',
  'approved',
  'extended',
  'countered',
  'accepted',
  'declined',
  'rescinded',
  'expired',
  'withdrawn',
] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OPEN_OFFER_STATUSES: ReadonlySet<OfferStatus> = new Set([
  'awaiting-approval',
  'approval-rejected',
  'approved',
  'extended',
  'countered',
]);
