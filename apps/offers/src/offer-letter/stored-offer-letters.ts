import { ReadModelDatabase } from '@hirestream/read-models';
import type { Provider } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LetterTemplates } from './letter-templates';
import { renderOfferLetter } from './offer-letter-renderer';
import {
  OFFER_LETTERS,
  type LetterTemplateRef,
  type OfferLetterContent,
  type OfferLetterFormat,
  type OfferLetters,
  type RenderedDocument,
  type RenderedOfferLetter,
} from './offer-letter.port';

const REFERENCE_PATTERN = /^[0-9a-f]{64}$/;

type StoredDocument = { document: Buffer; sha256: string };

/**
 * Offer letters rendered from the templates and kept in the service's
 * PostgreSQL schema (a table of its own, beside the read models but not
 * rebuilt with them: a letter is what was sent, not something derived from
 * events), so every replica reads every letter. A letter is stored under the
 * SHA-256 of its two documents' SHA-256s: rendering the same letter again
 * stores nothing new and gives the same reference.
 */
export class StoredOfferLetters implements OfferLetters {
  private readonly letters: string;

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly templates: LetterTemplates,
  ) {
    this.letters = db.table('offer_letters');
  }

  defaultTemplate(): LetterTemplateRef {
    return this.templates.defaultTemplate();
  }

  async render(letter: OfferLetterContent): Promise<RenderedOfferLetter> {
    const files = await renderOfferLetter(letter, this.templates);
    const html = documentOf(files.html);
    const pdf = documentOf(files.pdf);
    const reference = sha256(`${html.sha256}:${pdf.sha256}`);
    await this.ensureTable();
    await this.db.query(
      `insert into ${this.letters} (reference, html, html_sha256, pdf, pdf_sha256)
       values ($1, $2, $3, $4, $5) on conflict (reference) do nothing`,
      [reference, files.html, html.sha256, files.pdf, pdf.sha256],
    );
    return { reference, html, pdf };
  }

  async read(reference: string, format: OfferLetterFormat): Promise<Buffer | undefined> {
    if (!REFERENCE_PATTERN.test(reference)) return undefined;
    await this.ensureTable();
    const columns =
      format === 'pdf'
        ? 'pdf as document, pdf_sha256 as sha256'
        : 'html as document, html_sha256 as sha256';
    const { rows } = await this.db.query<StoredDocument>(
      `select ${columns} from ${this.letters} where reference = $1`,
      [reference],
    );
    const stored = rows[0];
    if (stored === undefined) return undefined;
    // The hash an event recorded is what the letter is proven by: bytes that no longer match are never served.
    if (sha256(stored.document) !== stored.sha256) {
      throw new Error(
        `The stored ${format} of offer letter ${reference} does not match its SHA-256`,
      );
    }
    return stored.document;
  }

  private ensureTable(): Promise<void> {
    return this.db.ensureTable(
      `create table if not exists ${this.letters} (
         reference text primary key,
         html bytea not null,
         html_sha256 text not null,
         pdf bytea not null,
         pdf_sha256 text not null
       )`,
    );
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function documentOf(bytes: Buffer): RenderedDocument {
  return { sha256: sha256(bytes), bytes: bytes.length };
}

/**
 * The offer letters of the service's module. It needs `ReadModelModule.forService`
 * imported and `LetterTemplates` provided (`LetterTemplates.fromFolder(policiesDir)`).
 */
export const offerLettersProvider: Provider = {
  provide: OFFER_LETTERS,
  useFactory: (db: ReadModelDatabase, templates: LetterTemplates) =>
    new StoredOfferLetters(db, templates),
  inject: [ReadModelDatabase, LetterTemplates],
};
