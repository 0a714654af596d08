import { formatMoney, formatPercentFromBasisPoints } from './letter-figures';
import { OfferLetterContentError } from './offer-letter.port';

const plain = (text: string): string => text.replace(/\s/g, ' ');

describe('letter figures', () => {
  it('writes minor units with the currency’s ISO 4217 decimal places, in the locale’s style', () => {
    expect(formatMoney({ amountMinor: 12_345_678, currency: 'USD' }, 'en-US', 'baseSalary')).toBe(
      '$123,456.78',
    );
    expect(
      plain(formatMoney({ amountMinor: 12_345_678, currency: 'EUR' }, 'de-DE', 'baseSalary')),
    ).toBe('123.456,78 €');
    expect(formatMoney({ amountMinor: 9_500_000, currency: 'JPY' }, 'en-US', 'baseSalary')).toBe(
      '¥9,500,000',
    );
    expect(
      plain(formatMoney({ amountMinor: 12_345, currency: 'BHD' }, 'en-US', 'baseSalary')),
    ).toBe('BHD 12.345');
  });

  it('follows ISO 4217 where ICU shows fewer decimals (HUF has fillér), so no amount is rounded', () => {
    expect(
      plain(formatMoney({ amountMinor: 1_234_567, currency: 'HUF' }, 'en-US', 'baseSalary')),
    ).toBe('HUF 12,345.67');
  });

  it('keeps every digit of amounts beyond what a float divided by 100 represents exactly', () => {
    expect(formatMoney({ amountMinor: 9_007_199_254_740_991, currency: 'USD' }, 'en-US', 'x')).toBe(
      '$90,071,992,547,409.91',
    );
    expect(formatMoney({ amountMinor: 1_000_000_000_005, currency: 'USD' }, 'en-US', 'x')).toBe(
      '$10,000,000,000.05',
    );
    expect(formatMoney({ amountMinor: 7, currency: 'USD' }, 'en-US', 'x')).toBe('$0.07');
  });

  it('refuses an unknown currency and amounts that are not whole minor units, naming the field', () => {
    expect(() =>
      formatMoney({ amountMinor: 100, currency: 'XYZ' }, 'en-US', 'signOnBonus'),
    ).toThrow(
      new OfferLetterContentError('signOnBonus: "XYZ" is not an ISO 4217 currency code in use'),
    );
    expect(() =>
      formatMoney({ amountMinor: 100.5, currency: 'USD' }, 'en-US', 'baseSalary'),
    ).toThrow(/^baseSalary: the amount must be a whole/);
    expect(() => formatMoney({ amountMinor: -1, currency: 'USD' }, 'en-US', 'baseSalary')).toThrow(
      OfferLetterContentError,
    );
  });

  it('writes a target bonus in basis points as a percentage', () => {
    expect(formatPercentFromBasisPoints(1_550, 'en-US', 'targetBonus')).toBe('15.5%');
    expect(formatPercentFromBasisPoints(1, 'en-US', 'targetBonus')).toBe('0.01%');
    expect(plain(formatPercentFromBasisPoints(1_000, 'fr-FR', 'targetBonus'))).toBe('10 %');
  });
});
