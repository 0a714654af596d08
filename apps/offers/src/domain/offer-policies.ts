import {
  ApprovalStep,
  CONTINGENCY_SETTLEMENTS,
  currencyCode,
  identifier,
  nullable,
  oneOf,
  PAY_PERIODS,
  singleLineText,
  type DeepReadonly,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/*
 * The offers service's policies, versioned data read from
 * `apps/offers/policies/*.json` (one file per kind, each entry with an id and
 * a version). The entries a decision used are stamped into its event, so an
 * offer keeps the rules it was approved under when the files change.
 */

const policyKey = {
  id: identifier(),
  version: Type.Integer({ minimum: 1, description: 'Raised at every change of the entry' }),
};
const MAX_MINOR = 10_000_000_000_000;
const limit = (description: string) =>
  nullable(Type.Integer({ minimum: 0, maximum: MAX_MINOR, description }));

/** Who approves an offer for jobs of these levels, in order. */
export const ApprovalRule = Type.Object(
  {
    ...policyKey,
    jobLevels: Type.Array(identifier(), { minItems: 1, uniqueItems: true }),
    steps: Type.Array(ApprovalStep, { minItems: 1, maxItems: 8 }),
  },
  { additionalProperties: false },
);
export type ApprovalRule = DeepReadonly<Static<typeof ApprovalRule>>;

/** A job's level and pay band; compensation above it adds `aboveBandSteps` (finance) to the chain. */
export const CompensationBand = Type.Object(
  {
    ...policyKey,
    jobIds: Type.Array(identifier(), { minItems: 1, uniqueItems: true }),
    jobLevel: identifier(),
    currency: currencyCode(),
    payPeriod: oneOf(PAY_PERIODS),
    baseSalaryMinor: Type.Object(
      {
        min: Type.Integer({ minimum: 0, maximum: MAX_MINOR }),
        max: Type.Integer({ minimum: 0, maximum: MAX_MINOR }),
      },
      { additionalProperties: false },
    ),
    targetBonusMaxBasisPoints: limit('The largest target bonus within the band; null: no limit'),
    signOnBonusMaxMinor: limit('The largest sign-on bonus within the band; null: no limit'),
    equityUnitsMax: limit('The most equity units within the band; null: no limit'),
    aboveBandSteps: Type.Array(ApprovalStep, { minItems: 1, maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type CompensationBand = DeepReadonly<Static<typeof CompensationBand>>;

/** A kind of contingency an offer may carry, and how it is met. */
export const ContingencyKind = Type.Object(
  {
    ...policyKey,
    settledBy: oneOf(CONTINGENCY_SETTLEMENTS),
    description: singleLineText(300),
  },
  { additionalProperties: false },
);
export type ContingencyKind = DeepReadonly<Static<typeof ContingencyKind>>;

/** Every policy of the service, as loaded (and checked) at start. */
export type OfferPolicies = Readonly<{
  approvalRules: readonly ApprovalRule[];
  compensationBands: readonly CompensationBand[];
  contingencyKinds: readonly ContingencyKind[];
}>;
