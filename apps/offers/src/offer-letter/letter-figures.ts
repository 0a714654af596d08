import { ISO_4217_CURRENCIES, minorUnitDigits, type CurrencyCode } from '@hirestream/contracts';
import { OfferLetterContentError } from './offer-letter.port';

/** An amount in integer minor units of an ISO 4217 currency, as the terms hold it. */
export type LetterMoney = Readonly<{ amountMinor: number; currency: string }>;

/**
 * Formats an amount of integer minor units in the locale's style for its
 * currency, with the ISO 4217 decimal places (not ICU's display digits, which
 * differ for HUF, IDR, COP…). The minor units are split into major and fraction digits as
 * integers (BigInt), never divided as floats, so no amount is ever rounded.
 */
export function formatMoney(money: LetterMoney, locale: string, field: string): string {
  if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor < 0) {
    throw new OfferLetterContentError(
      `${field}: the amount must be a whole, non-negative number of minor units (got ${String(money.amountMinor)})`,
    );
  }
  const digits = digitsOf(money.currency, field);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const scale = 10n ** BigInt(digits);
  const minor = BigInt(money.amountMinor);
  const fraction = (minor % scale).toString().padStart(digits, '0');
  return format
    .formatToParts(minor / scale)
    .map((part) => (part.type === 'fraction' ? fraction : part.value))
    .join('');
}

/** A share of the base salary given in basis points (1550), as `15.5%` in the locale's style. */
export function formatPercentFromBasisPoints(
  basisPoints: number,
  locale: string,
  field: string,
): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    throw new OfferLetterContentError(
      `${field}: must be a whole, non-negative number of basis points`,
    );
  }
  // Basis points are hundredths of a percent: two fraction digits of the percentage show them exactly.
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/** A count (of equity units) in the locale's style. */
export function formatCount(count: number, locale: string, field: string): string {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new OfferLetterContentError(`${field}: must be a whole, non-negative number`);
  }
  return new Intl.NumberFormat(locale).format(count);
}

const CURRENCIES: ReadonlySet<string> = new Set(ISO_4217_CURRENCIES);

/** The decimal places of the currency's ISO 4217 minor unit (2 for EUR, 0 for JPY, 3 for BHD). */
function digitsOf(currency: string, field: string): number {
  if (!CURRENCIES.has(currency)) {
    throw new OfferLetterContentError(
      `${field}: ${JSON.stringify(currency)} is not an ISO 4217 currency code in use`,
    );
  }
  return minorUnitDigits(currency as CurrencyCode);
}
