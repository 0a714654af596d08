import { formatMoney, formatPercentFromBasisPoints, formatCount } from './letter-figures';
import { type LetterField, type LetterListField, type LetterTemplate } from './letter-template';
import { OfferLetterContentError, type OfferLetterContent } from './offer-letter.port';

/** What a letter's texts are filled with: every figure already written out in the template's locale. */
export type LetterView = Readonly<
  Record<Exclude<LetterField, LetterListField>, string> & Record<LetterListField, readonly string[]>
>;

/** The letter's content written out as the template's locale and labels say (empty when a term is absent). */
export function letterView(letter: OfferLetterContent, template: LetterTemplate): LetterView {
  const { locale, labels } = template;
  const { terms } = letter;
  const count = (value: number, field: string): string => formatCount(value, locale, field);
  return {
    employer: template.employer,
    candidateName: letter.candidateName,
    jobTitle: terms.jobTitle,
    offerId: letter.offerId,
    offerVersion: count(letter.offerVersion, 'offerVersion'),
    letterDate: formatDate(letter.extendedAt, template, 'extendedAt'),
    baseSalary: formatMoney(terms.baseSalary, locale, 'baseSalary'),
    payPeriod: labels.payPeriods[terms.payPeriod] ?? terms.payPeriod,
    targetBonus:
      terms.targetBonusBasisPoints === null
        ? ''
        : formatPercentFromBasisPoints(
            terms.targetBonusBasisPoints,
            locale,
            'targetBonusBasisPoints',
          ),
    equity: terms.equity === null ? '' : 'yes',
    equityUnits: terms.equity === null ? '' : count(terms.equity.units, 'equity.units'),
    equityType:
      terms.equity === null ? '' : (labels.equityTypes[terms.equity.type] ?? terms.equity.type),
    vestingYears:
      terms.equity === null ? '' : count(terms.equity.vesting.years, 'equity.vesting.years'),
    vestingCliffMonths:
      terms.equity === null
        ? ''
        : count(terms.equity.vesting.cliffMonths, 'equity.vesting.cliffMonths'),
    vestingFrequency:
      terms.equity === null
        ? ''
        : (labels.vestingFrequencies[terms.equity.vesting.frequency] ??
          terms.equity.vesting.frequency),
    signOnBonus:
      terms.signOnBonus === null ? '' : formatMoney(terms.signOnBonus, locale, 'signOnBonus'),
    benefits: terms.benefits,
    startDate: formatCalendarDate(terms.startDate, locale),
    expiresAt: formatInstant(terms.expiresAt, template),
    workLocation: terms.workLocation.place,
    workArrangement:
      labels.workArrangements[terms.workLocation.arrangement] ?? terms.workLocation.arrangement,
    contingencies: terms.contingencies.map(
      ({ kind }) => labels.contingencies[kind] ?? kind.replaceAll('-', ' '),
    ),
  };
}

/** A letter with every field filled, to try a template's texts on when it is loaded. */
export function sampleLetterView(template: LetterTemplate): LetterView {
  return letterView(SAMPLE_LETTER, template);
}

/** A letter with every term present (templates are tried on it; specs and the bench start from it). */
export const SAMPLE_LETTER: OfferLetterContent = {
  offerId: '00000000-0000-4000-8000-000000000000',
  offerVersion: 1,
  candidateName: 'Sample Candidate',
  extendedAt: '2030-01-01T00:00:00.000Z',
  template: { id: 'sample', version: 1 },
  terms: {
    jobTitle: 'Sample Job',
    baseSalary: { amountMinor: 10_000_000, currency: 'EUR' },
    payPeriod: 'year',
    targetBonusBasisPoints: 1_000,
    equity: {
      units: 100,
      type: 'rsu',
      vesting: { years: 4, cliffMonths: 12, frequency: 'monthly' },
    },
    signOnBonus: { amountMinor: 500_000, currency: 'EUR' },
    benefits: ['Sample benefit'],
    startDate: '2030-02-01',
    expiresAt: '2030-01-15T17:00:00.000Z',
    workLocation: { arrangement: 'hybrid', place: 'Sample City' },
    contingencies: [{ kind: 'background-check' }],
  },
};

function checkedDate(iso: string, field: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    throw new OfferLetterContentError(`${field}: ${JSON.stringify(iso)} is not a date`);
  }
  return date;
}

/** A day in the template's zone, as `January 1, 2030`. */
function formatDate(instant: string, template: LetterTemplate, field: string): string {
  return new Intl.DateTimeFormat(template.locale, {
    dateStyle: 'long',
    timeZone: template.timeZone,
  }).format(checkedDate(instant, field));
}

/** A calendar date (no zone of its own), as `February 1, 2030`. */
function formatCalendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    checkedDate(`${date}T00:00:00Z`, 'startDate'),
  );
}

/** An instant in the template's zone, naming the zone: `January 15, 2030 at 5:00 PM UTC`. */
function formatInstant(instant: string, template: LetterTemplate): string {
  return new Intl.DateTimeFormat(template.locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: template.timeZone,
    timeZoneName: 'short',
  }).format(checkedDate(instant, 'expiresAt'));
}
