import {
  EQUITY_TYPES,
  PAY_PERIODS,
  VESTING_FREQUENCIES,
  WORK_ARRANGEMENTS,
  type DeepReadonly,
} from '@hirestream/contracts';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/*
 * What a letter template is: the fields its texts may name, its blocks and its
 * labels. The loader (letter-templates.ts) checks files against it; the view
 * (letter-view.ts) fills it.
 */

/** The fields a template's texts may name (`{{baseSalary}}`) and its blocks show `when` they have a value. */
export const LETTER_FIELDS = [
  'employer',
  'candidateName',
  'jobTitle',
  'offerId',
  'offerVersion',
  'letterDate',
  'baseSalary',
  'payPeriod',
  'targetBonus',
  'equity',
  'equityUnits',
  'equityType',
  'vestingYears',
  'vestingCliffMonths',
  'vestingFrequency',
  'signOnBonus',
  'benefits',
  'startDate',
  'expiresAt',
  'workLocation',
  'workArrangement',
  'contingencies',
] as const;
export type LetterField = (typeof LETTER_FIELDS)[number];

/** The fields a `list` block lists, one item a line. */
export const LETTER_LIST_FIELDS = ['benefits', 'contingencies'] as const;
export type LetterListField = (typeof LETTER_LIST_FIELDS)[number];

const templateText = Type.String({ minLength: 1, maxLength: 4_000 });
const letterField = Type.Union(LETTER_FIELDS.map((field) => Type.Literal(field)));
const when = Type.Optional(letterField);

/** A label for each value of a vocabulary: the file must name them all. */
function labelsFor(values: readonly string[]): TSchema {
  return Type.Object(Object.fromEntries(values.map((value) => [value, templateText])), {
    additionalProperties: false,
  });
}

/** One block of a letter, shown only when its `when` field has a value. */
const LetterBlock = Type.Union([
  Type.Object({ heading: templateText, when }, { additionalProperties: false }),
  Type.Object({ paragraph: templateText, when }, { additionalProperties: false }),
  Type.Object(
    {
      terms: Type.Array(
        Type.Object(
          { label: templateText, value: templateText, when },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 30 },
      ),
      when,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { list: Type.Union(LETTER_LIST_FIELDS.map((field) => Type.Literal(field))), when },
    { additionalProperties: false },
  ),
]);
export type LetterBlock = DeepReadonly<Static<typeof LetterBlock>>;

export const LetterTemplate = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
    version: Type.Integer({ minimum: 1 }),
    /** The BCP 47 locale money, numbers and dates are written in. */
    locale: Type.String({ minLength: 2, maxLength: 35 }),
    /** The IANA time zone the expiry instant and the letter's date are shown in. */
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    employer: templateText,
    title: templateText,
    blocks: Type.Array(LetterBlock, { minItems: 1, maxItems: 200 }),
    labels: Type.Object(
      {
        payPeriods: labelsFor(PAY_PERIODS),
        equityTypes: labelsFor(EQUITY_TYPES),
        vestingFrequencies: labelsFor(VESTING_FREQUENCIES),
        workArrangements: labelsFor(WORK_ARRANGEMENTS),
        /** Contingency kinds as the letter words them; a kind without one is written as its words. */
        contingencies: Type.Record(Type.String(), templateText),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type LetterTemplate = DeepReadonly<Static<typeof LetterTemplate>> & {
  readonly labels: {
    readonly payPeriods: Readonly<Record<string, string>>;
    readonly equityTypes: Readonly<Record<string, string>>;
    readonly vestingFrequencies: Readonly<Record<string, string>>;
    readonly workArrangements: Readonly<Record<string, string>>;
  };
};
