import { Type, type Static } from '@sinclair/typebox';
import type { DeepReadonly } from '../core/event-contract';
import {
  actorId,
  calendarDate,
  identifier,
  money,
  nullable,
  oneOf,
  singleLineText,
  utcInstant,
} from '../core/field-schemas';
import { notPersonal } from '../core/personal-data';
import {
  CONTINGENCY_SETTLEMENTS,
  EQUITY_TYPES,
  PAY_PERIODS,
  VESTING_FREQUENCIES,
  WORK_ARRANGEMENTS,
} from './offer-vocabulary';

/*
 * The terms of one version of an offer. Money is always integer minor units
 * of an ISO 4217 currency, never a float.
 */

export const Equity = Type.Object(
  {
    units: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    type: oneOf(EQUITY_TYPES),
    vesting: Type.Object(
      {
        years: Type.Integer({ minimum: 1, maximum: 10 }),
        cliffMonths: Type.Integer({ minimum: 0, maximum: 60 }),
        frequency: oneOf(VESTING_FREQUENCIES),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const WorkLocation = Type.Object(
  {
    arrangement: oneOf(WORK_ARRANGEMENTS),
    // Where the job is, not where the candidate lives.
    place: notPersonal(singleLineText(200, { examples: ['Berlin, Germany'] })),
  },
  { additionalProperties: false },
);

/** A contingency the hire waits for, how it is met and the contingency policy's version, stamped. */
export const Contingency = Type.Object(
  {
    kind: identifier({ examples: ['background-check'] }),
    settledBy: oneOf(CONTINGENCY_SETTLEMENTS),
    policyVersion: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type Contingency = DeepReadonly<Static<typeof Contingency>>;

/** The terms a version's compensation is made of: changing any of them after an approval restarts approval. */
export const compensationTerms = {
  baseSalary: money({ description: 'Per pay period' }),
  payPeriod: oneOf(PAY_PERIODS),
  targetBonusBasisPoints: nullable(
    Type.Integer({
      minimum: 1,
      maximum: 100_000,
      description: 'Target bonus as a share of the base salary, in basis points (1500 = 15%)',
    }),
  ),
  equity: nullable(Equity),
  signOnBonus: nullable(money()),
};

/** The other terms: changing them keeps the approvals given. */
const otherTerms = {
  jobTitle: notPersonal(singleLineText(200, { examples: ['Senior Backend Engineer'] })),
  benefits: Type.Array(singleLineText(300), { maxItems: 30 }),
  startDate: calendarDate(),
  expiresAt: utcInstant({ description: 'The offer expires unless accepted before this instant' }),
  workLocation: WorkLocation,
};

/** The terms as a recruiter drafts them: contingencies named by kind. */
export const DraftedTerms = Type.Object(
  {
    ...compensationTerms,
    ...otherTerms,
    contingencies: Type.Array(identifier(), { maxItems: 10, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type DraftedTerms = DeepReadonly<Static<typeof DraftedTerms>>;

/** The terms as recorded: each contingency with how it is met. */
export const OfferTerms = Type.Object(
  {
    ...compensationTerms,
    ...otherTerms,
    contingencies: Type.Array(Contingency, { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type OfferTerms = DeepReadonly<Static<typeof OfferTerms>>;

export type Compensation = Pick<OfferTerms, keyof typeof compensationTerms>;

/** The compensation part of the terms. */
export function compensationOf(terms: Compensation): Compensation {
  const { baseSalary, payPeriod, targetBonusBasisPoints, equity, signOnBonus } = terms;
  return { baseSalary, payPeriod, targetBonusBasisPoints, equity, signOnBonus };
}

/** JSON with every object's keys in order, so equal values read the same however they were written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, field: unknown) =>
    field !== null && typeof field === 'object' && !Array.isArray(field)
      ? Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : 1)))
      : field,
  );
}

/** Whether two versions pay the same: every compensation term equal. */
export function sameCompensation(a: Compensation, b: Compensation): boolean {
  return canonical(compensationOf(a)) === canonical(compensationOf(b));
}

/** One step of an approval chain: who approves, in which capacity. */
export const ApprovalStep = Type.Object(
  {
    stepId: identifier({ examples: ['department-head'] }),
    approverId: actorId({ examples: ['approver-1'] }),
  },
  { additionalProperties: false },
);
export type ApprovalStep = DeepReadonly<Static<typeof ApprovalStep>>;

/** A policy entry as stamped into the event that used it. */
export const PolicyRef = Type.Object(
  { id: identifier(), version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
export type PolicyRef = DeepReadonly<Static<typeof PolicyRef>>;
