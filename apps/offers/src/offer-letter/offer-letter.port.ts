/** The token the offer letters are injected by. */
export const OFFER_LETTERS = Symbol('OFFER_LETTERS');

/** An amount of money in integer minor units (cents for USD, yen for JPY) of an ISO 4217 currency. */
export interface LetterMoney {
  readonly amountMinor: number;
  readonly currency: string;
}

/** A target bonus: a share of the base salary, or an amount. */
export type LetterBonus = { readonly percentOfBase: number } | { readonly amount: LetterMoney };

export interface LetterEquity {
  readonly units: number;
  /** e.g. `rsu`, `options`. */
  readonly type: string;
  /** As the letter states it, e.g. "4 years, 1-year cliff, monthly thereafter". */
  readonly vestingSchedule: string;
}

/** A template named by id and version (the version is stamped into the event that used it). */
export interface LetterTemplateRef {
  readonly id: string;
  readonly version: number;
}

/** What one offer letter shows: one version of an offer, as extended. */
export interface OfferLetterContent {
  readonly offerId: string;
  /** The offer's version (1, 2, …). */
  readonly offerVersion: number;
  readonly candidateName: string;
  readonly jobTitle: string;
  readonly baseSalary: LetterMoney;
  /** The period the base salary is paid per, e.g. `year`, `month`, `hour`. */
  readonly payPeriod: string;
  readonly targetBonus?: LetterBonus;
  readonly equity?: LetterEquity;
  readonly signOnBonus?: LetterMoney;
  readonly benefits: readonly string[];
  /** A calendar date, `YYYY-MM-DD`. */
  readonly startDate: string;
  /** The ISO instant the offer expires at. */
  readonly expiresAt: string;
  readonly workLocation: string;
  /** Contingency kinds (`background-check`, `references`, `right-to-work`, or configured ones). */
  readonly contingencies: readonly string[];
  /** The ISO instant the offer is extended at: the letter's date (and its PDF's creation date). */
  readonly extendedAt: string;
  readonly template: LetterTemplateRef;
}

export interface RenderedDocument {
  /** Lowercase hex SHA-256 of the document's bytes. */
  readonly sha256: string;
  /** The document's size in bytes. */
  readonly bytes: number;
}

export interface RenderedOfferLetter {
  /** Where the letter is stored: read it back with `read(reference, format)`. */
  readonly reference: string;
  readonly html: RenderedDocument;
  readonly pdf: RenderedDocument;
}

export type OfferLetterFormat = 'html' | 'pdf';

/**
 * Renders offer letters from versioned templates to HTML and PDF, and stores
 * them by reference where every replica of the service reads them. The same
 * content renders the same bytes (so the same SHA-256s) every time.
 */
export interface OfferLetters {
  /** The newest version of the default template (the one to stamp when none is chosen). */
  defaultTemplate(): LetterTemplateRef;
  /**
   * Renders and stores a letter. Throws `OfferLetterContentError` when the
   * content cannot be rendered (an unknown template or version, an unknown
   * currency, an amount that is not an integer).
   */
  render(letter: OfferLetterContent): Promise<RenderedOfferLetter>;
  /** A stored letter's bytes; undefined for an unknown reference. */
  read(reference: string, format: OfferLetterFormat): Promise<Buffer | undefined>;
}

/** A letter that cannot be rendered, with the reason (answered by the caller as a client error). */
export class OfferLetterContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfferLetterContentError';
  }
}
