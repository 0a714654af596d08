import Handlebars from 'handlebars';
import PDFDocument from 'pdfkit';
import type { LetterBlock } from './letter-template';
import type { CompiledLetterTemplate, LetterTemplates } from './letter-templates';
import { letterView, type LetterView } from './letter-view';
import { OfferLetterContentError, type OfferLetterContent } from './offer-letter.port';

/** A letter's two documents, before they are hashed and stored. */
export type RenderedLetterFiles = Readonly<{ html: Buffer; pdf: Buffer }>;

/**
 * Renders a letter to HTML and PDF from the same blocks of the same template
 * version, so both say the same. The same content gives the same bytes: the
 * PDF's dates come from `extendedAt` and it is left uncompressed (deflate's
 * output may differ between zlib builds of Node versions).
 */
export async function renderOfferLetter(
  letter: OfferLetterContent,
  templates: LetterTemplates,
): Promise<RenderedLetterFiles> {
  const template = templates.get(letter.template);
  const view = letterView(letter, template.template);
  checkPdfCanShow(view);
  return {
    html: Buffer.from(letterHtml(template, view), 'utf8'),
    pdf: await letterPdf(template, view, new Date(letter.extendedAt)),
  };
}

function visibleBlocks(template: CompiledLetterTemplate, view: LetterView): LetterBlock[] {
  return template.template.blocks.filter((block) => shown(block.when, view));
}

function shown(when: keyof LetterView | undefined, view: LetterView): boolean {
  return when === undefined || view[when].length > 0;
}

function fill(
  template: CompiledLetterTemplate,
  source: string,
  view: LetterView,
  as: 'html' | 'text',
): string {
  const compiled = template.compiled.get(source);
  if (compiled === undefined) throw new Error(`A letter text was not compiled: ${source}`);
  return compiled[as](view);
}

const STYLE =
  'body{font-family:Helvetica,Arial,sans-serif;max-width:42rem;margin:2rem auto;line-height:1.45}' +
  'dt{font-weight:bold;float:left;clear:left;width:10rem}dd{margin-left:11rem}';

function letterHtml(template: CompiledLetterTemplate, view: LetterView): string {
  const escape = Handlebars.escapeExpression;
  const title = fill(template, template.template.title, view, 'html');
  const body = visibleBlocks(template, view).map((block) => {
    if ('heading' in block) return `<h2>${fill(template, block.heading, view, 'html')}</h2>`;
    if ('paragraph' in block) return `<p>${fill(template, block.paragraph, view, 'html')}</p>`;
    if ('list' in block) {
      return `<ul>${view[block.list].map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
    }
    const rows = block.terms
      .filter((term) => shown(term.when, view))
      .map(
        (term) =>
          `<dt>${fill(template, term.label, view, 'html')}</dt><dd>${fill(template, term.value, view, 'html')}</dd>`,
      );
    return `<dl>${rows.join('')}</dl>`;
  });
  return [
    '<!DOCTYPE html>',
    `<html lang="${escape(template.template.locale)}">`,
    `<head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>`,
    `<body><article><h1>${title}</h1>`,
    ...body,
    '</article></body></html>',
    '',
  ].join('\n');
}

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

function letterPdf(
  template: CompiledLetterTemplate,
  view: LetterView,
  createdAt: Date,
): Promise<Buffer> {
  const title = pdfText(fill(template, template.template.title, view, 'text'));
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    compress: false,
    lang: template.template.locale,
    info: {
      Title: title,
      Author: pdfText(template.template.employer),
      Creator: 'hirestream offers',
      Producer: 'hirestream offers',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(BOLD).fontSize(16).text(title).moveDown();
  for (const block of visibleBlocks(template, view)) {
    if ('heading' in block) {
      doc
        .moveDown(0.5)
        .font(BOLD)
        .fontSize(13)
        .text(pdfText(fill(template, block.heading, view, 'text')));
    } else if ('paragraph' in block) {
      doc
        .font(REGULAR)
        .fontSize(11)
        .text(pdfText(fill(template, block.paragraph, view, 'text')))
        .moveDown(0.5);
    } else if ('list' in block) {
      for (const item of view[block.list]) {
        doc
          .font(REGULAR)
          .fontSize(11)
          .text(`\u2022  ${pdfText(item)}`, { indent: 12 });
      }
      doc.moveDown(0.5);
    } else {
      for (const term of block.terms.filter((row) => shown(row.when, view))) {
        doc
          .font(BOLD)
          .fontSize(11)
          .text(`${pdfText(fill(template, term.label, view, 'text'))}: `, { continued: true })
          .font(REGULAR)
          .text(pdfText(fill(template, term.value, view, 'text')));
      }
      doc.moveDown(0.5);
    }
  }
  doc.end();
  return done;
}

/*
 * The PDF's standard fonts show the Windows-1252 (WinAnsi) characters: Latin
 * scripts. A letter with others is refused rather than sent garbled.
 */
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
// Narrow and thin spaces that ICU writes in numbers and times (`5:00 PM`, `1 000 €`).
const NARROW_SPACES = /[\u2007\u2009\u202F]/g;

function pdfText(text: string): string {
  return text.replace(NARROW_SPACES, '\u00A0');
}

function unshowable(text: string): string | undefined {
  for (const char of pdfText(text)) {
    const code = char.codePointAt(0)!;
    const latin = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff);
    if (!latin && !WIN_ANSI_EXTRAS.includes(char) && char !== '\n') return char;
  }
  return undefined;
}

function checkPdfCanShow(view: LetterView): void {
  for (const [field, value] of Object.entries(view)) {
    const texts: readonly string[] = typeof value === 'string' ? [value] : value;
    for (const text of texts) {
      const char = unshowable(text);
      if (char !== undefined) {
        const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        throw new OfferLetterContentError(
          `${field}: the letter's PDF font cannot show ${JSON.stringify(char)} (U+${code}); it shows Latin-script text`,
        );
      }
    }
  }
}
