import { dataKeyId, ERASED_VALUE, PersonalDataVault } from '@hirestream/personal-data';
import { PersonalColumns, ReadModelDatabase, type ColumnLocation } from '@hirestream/read-models';
import type { Provider } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { LetterTemplates } from './letter-templates';
import { renderOfferLetter } from './offer-letter-renderer';
import {
  OFFER_LETTERS,
  OfferLetterContentError,
  OfferLetterErasedError,
  type LetterTemplateRef,
  type OfferLetterContent,
  type OfferLetterFormat,
  type OfferLetters,
  type RenderedDocument,
  type RenderedOfferLetter,
} from './offer-letter.port';

const REFERENCE_PATTERN = /^[0-9a-f]{64}$/;
const TABLE = 'sealed_offer_letters';

type StoredDocument = { document: string; sha256: string };

/**
 * Offer letters rendered from the templates and kept in the service's
 * PostgreSQL schema (a table of its own, beside the read models but not
 * rebuilt with them: a letter is what was sent, not something derived from
 * events), so every replica reads every letter. A letter is stored under the
 * SHA-256 of its two documents' SHA-256s: rendering the same letter again
 * stores nothing new and gives the same reference. Each document names the
 * candidate, so its bytes are kept sealed under the candidacy's data key
 * (`PersonalColumns`, bound to the letter and the format): once the key is
 * erased the letter is unreadable wherever PostgreSQL kept it.
 */
export class StoredOfferLetters implements OfferLetters {
  private readonly letters: string;
  private readonly personal: PersonalColumns;

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly templates: LetterTemplates,
    vault: PersonalDataVault | undefined,
  ) {
    this.letters = db.table(TABLE);
    this.personal = new PersonalColumns(vault);
  }

  defaultTemplate(): LetterTemplateRef {
    return this.templates.defaultTemplate();
  }

  async render(candidateId: string, letter: OfferLetterContent): Promise<RenderedOfferLetter> {
    const files = await renderOfferLetter(letter, this.templates);
    const html = documentOf(files.html);
    const pdf = documentOf(files.pdf);
    const reference = sha256(`${html.sha256}:${pdf.sha256}`);
    const keyIds = [dataKeyId('candidate', candidateId)];
    const [sealedHtml, sealedPdf] = await Promise.all(
      (['html', 'pdf'] as const).map((format) =>
        this.personal.seal(files[format].toString('base64'), keyIds, documentAt(reference, format)),
      ),
    );
    if (sealedHtml === ERASED_VALUE || sealedPdf === ERASED_VALUE) {
      throw new OfferLetterContentError(
        "the candidate's personal data was erased: no letter can be written to them",
      );
    }
    await this.ensureTable();
    await this.db.query(
      `insert into ${this.letters} (reference, html, html_sha256, pdf, pdf_sha256)
       values ($1, $2, $3, $4, $5) on conflict (reference) do nothing`,
      [reference, sealedHtml, html.sha256, sealedPdf, pdf.sha256],
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
    const [opened] = await this.personal.open([
      { stored: stored.document, at: documentAt(reference, format) },
    ]);
    if (opened === ERASED_VALUE) throw new OfferLetterErasedError(reference);
    const document = Buffer.from(opened ?? '', 'base64');
    // The hash an event recorded is what the letter is proven by: bytes that no longer match are never served.
    if (sha256(document) !== stored.sha256) {
      throw new Error(
        `The stored ${format} of offer letter ${reference} does not match its SHA-256`,
      );
    }
    return document;
  }

  private ensureTable(): Promise<void> {
    return this.db.ensureTable(
      `create table if not exists ${this.letters} (
         reference text primary key,
         html text not null,
         html_sha256 text not null,
         pdf text not null,
         pdf_sha256 text not null
       )`,
    );
  }
}

/** Where a letter's document is bound: the letter's row, the format's column. */
function documentAt(reference: string, format: OfferLetterFormat): ColumnLocation {
  return { row: `${TABLE}:${reference}`, column: format };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function documentOf(bytes: Buffer): RenderedDocument {
  return { sha256: sha256(bytes), bytes: bytes.length };
}

/**
 * The offer letters of the service's module. It needs `ReadModelModule.forService`
 * imported (the database and the `PersonalDataVault`) and `LetterTemplates`
 * provided (`LetterTemplates.fromFolder(policiesDir)`).
 */
export const offerLettersProvider: Provider = {
  provide: OFFER_LETTERS,
  useFactory: (db: ReadModelDatabase, templates: LetterTemplates, vault: PersonalDataVault) =>
    new StoredOfferLetters(db, templates, vault),
  inject: [ReadModelDatabase, LetterTemplates, PersonalDataVault],
};
