import type { OfferTerms } from '@hirestream/contracts';

/** The token the offer letters are injected by. */
export const OFFER_LETTERS = Symbol('OFFER_LETTERS');

/** A template named by id and version (the version is stamped into the event that used it). */
export interface LetterTemplateRef {
  readonly id: string;
  readonly version: number;
}

/** The terms a letter shows: an offer version's terms, of whose contingencies the letter words the kind. */
export type LetterTerms = Omit<OfferTerms, 'contingencies'> & {
  readonly contingencies: readonly { readonly kind: string }[];
};

/** What one offer letter shows: one version of an offer, as extended. */
export interface OfferLetterContent {
  readonly offerId: string;
  /** The offer's version (1, 2, …). */
  readonly offerVersion: number;
  readonly candidateName: string;
  /** The version's terms (an `OfferTerms` is one): money in integer minor units, contingencies by kind. */
  readonly terms: LetterTerms;
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
   * Renders and stores the letter of the candidacy `candidateId`, its documents
   * kept sealed under the candidacy's data key. Throws `OfferLetterContentError`
   * when the content cannot be rendered (an unknown template or version, a
   * currency or amount out of range, text the PDF's font cannot show) or the
   * candidacy's personal data was erased.
   */
  render(candidateId: string, letter: OfferLetterContent): Promise<RenderedOfferLetter>;
  /**
   * A stored letter's bytes; undefined for an unknown reference.
   * `OfferLetterErasedError` once the candidacy's personal data was erased.
   */
  read(reference: string, format: OfferLetterFormat): Promise<Buffer | undefined>;
}

/** A letter that cannot be rendered, with the reason (answered by the caller as a client error). */
export class OfferLetterContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfferLetterContentError';
  }
}

/** A stored letter whose candidacy's personal data was erased: it can no longer be read (answered 410 Gone). */
export class OfferLetterErasedError extends Error {
  constructor(reference: string) {
    super(`Offer letter ${reference} was erased with the candidate's personal data`);
    this.name = 'OfferLetterErasedError';
  }
}
