import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText } from '../../test/support/pdf-text';
import { LetterTemplates } from './letter-templates';
import { SAMPLE_LETTER } from './letter-view';
import { renderOfferLetter } from './offer-letter-renderer';
import { OfferLetterContentError, type OfferLetterContent } from './offer-letter.port';

const POLICIES_DIR = join(__dirname, '../../policies');
const templates = LetterTemplates.fromFolder(POLICIES_DIR);

const letter: OfferLetterContent = {
  ...SAMPLE_LETTER,
  offerId: '3f1c0a9e-5b7d-4c2e-9a61-0d4b8e2f7c13',
  offerVersion: 2,
  candidateName: 'Zoë <script>alert(1)</script> O’Brien & Co',
  extendedAt: '2030-03-01T09:30:00.000Z',
  template: templates.defaultTemplate(),
  terms: {
    jobTitle: 'Senior Backend Engineer',
    baseSalary: { amountMinor: 12_345_678, currency: 'USD' },
    payPeriod: 'year',
    targetBonusBasisPoints: 1_550,
    equity: {
      units: 1_200,
      type: 'rsu',
      vesting: { years: 4, cliffMonths: 12, frequency: 'quarterly' },
    },
    signOnBonus: { amountMinor: 1_000_050, currency: 'USD' },
    benefits: ['Health insurance <family>', '30 days of paid leave'],
    startDate: '2030-04-01',
    expiresAt: '2030-03-15T17:00:00.000Z',
    workLocation: { arrangement: 'remote', place: 'Lisbon, Portugal' },
    contingencies: [{ kind: 'background-check' }, { kind: 'drug-screen' }],
  },
};

const FIGURES = [
  'Senior Backend Engineer',
  '$123,456.78 per year',
  '15.5% of base salary',
  '1,200 restricted stock units, vesting over 4 years with a 12-month cliff, then quarterly',
  'Sign-on bonus: $10,000.50',
  'Start date: April 1, 2030',
  'Lisbon, Portugal (remote)',
  'Health insurance <family>',
  '30 days of paid leave',
  'a background check that comes back clear',
  'drug screen',
  'March 15, 2030 at 5:00 PM UTC',
  'version 2',
];

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const htmlText = (html: Buffer): string =>
  html
    .toString('utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/ : /g, ': ');

describe('offer letter rendering', () => {
  it('escapes what people wrote in the HTML, so a name cannot add markup to the letter', async () => {
    const { html } = await renderOfferLetter(letter, templates);
    const text = html.toString('utf8');
    expect(text).toContain('Dear Zoë &lt;script&gt;alert(1)&lt;/script&gt; O’Brien &amp; Co,');
    expect(text).not.toContain('<script>');
    expect(text).toContain('<li>Health insurance &lt;family&gt;</li>');
  });

  it("shows the version's figures in the HTML and in the PDF's extracted text", async () => {
    const { html, pdf } = await renderOfferLetter(letter, templates);
    const fromPdf = await pdfText(pdf);
    const fromHtml = htmlText(html);
    for (const figure of FIGURES) {
      expect(fromPdf).toContain(figure);
      expect(fromHtml.replace(/\s+/g, ' ')).toContain(figure.replace(/: /, ' '));
    }
    expect(fromPdf).toContain('Dear Zoë <script>alert(1)</script> O’Brien & Co,');
  });

  it('leaves out the terms a version does not have', async () => {
    const { pdf } = await renderOfferLetter(
      {
        ...letter,
        terms: {
          ...letter.terms,
          signOnBonus: null,
          equity: null,
          targetBonusBasisPoints: null,
          contingencies: [],
        },
      },
      templates,
    );
    const text = await pdfText(pdf);
    expect(text).toContain('$123,456.78 per year');
    for (const absent of ['Sign-on bonus', 'Equity', 'Target bonus', 'Conditions', 'contingent']) {
      expect(text).not.toContain(absent);
    }
  });

  it('renders the same letter to the same bytes, and another extension time to another PDF', async () => {
    const first = await renderOfferLetter(letter, templates);
    const again = await renderOfferLetter(structuredClone(letter), templates);
    expect(sha256(again.html)).toBe(sha256(first.html));
    expect(sha256(again.pdf)).toBe(sha256(first.pdf));
    const later = await renderOfferLetter(
      { ...letter, extendedAt: '2030-03-02T09:30:00.000Z' },
      templates,
    );
    expect(sha256(later.pdf)).not.toBe(sha256(first.pdf));
  });

  it('refuses a letter it cannot render faithfully, saying why', async () => {
    await expect(
      renderOfferLetter({ ...letter, template: { id: 'standard-offer', version: 99 } }, templates),
    ).rejects.toThrow(
      new OfferLetterContentError(
        'template: there is no letter template "standard-offer" version 99',
      ),
    );
    await expect(
      renderOfferLetter({ ...letter, candidateName: '李小龙' }, templates),
    ).rejects.toThrow(/^candidateName: the letter's PDF font cannot show "李" \(U\+674E\)/);
    await expect(
      renderOfferLetter(
        {
          ...letter,
          terms: { ...letter.terms, baseSalary: { amountMinor: 1.5, currency: 'USD' } },
        },
        templates,
      ),
    ).rejects.toThrow(OfferLetterContentError);
  });
});

describe('letter templates', () => {
  const file = (): Record<string, unknown>[] =>
    JSON.parse(readFileSync(join(POLICIES_DIR, 'letter-templates.json'), 'utf8')) as Record<
      string,
      unknown
    >[];

  it("default to the newest version of the file's first template", () => {
    const [standard] = file();
    const templates = new LetterTemplates(
      [standard, { ...standard, version: 3 }, { ...standard, id: 'other', version: 7 }],
      'letter-templates.json',
    );
    expect(templates.defaultTemplate()).toEqual({ id: 'standard-offer', version: 3 });
  });

  it('stop the start naming the file and the field of a bad entry', () => {
    const [standard] = file();
    const blocks = standard!.blocks as unknown[];
    expect(
      () =>
        new LetterTemplates(
          [{ ...standard, blocks: [...blocks, { paragraph: 'Your salary: {{salary}}' }] }],
          'letter-templates.json',
        ),
    ).toThrow(
      `offers policy letter-templates.json: 0.blocks.${blocks.length}.paragraph: "salary" not defined`,
    );
    expect(
      () =>
        new LetterTemplates(
          [{ ...standard, blocks: [...blocks, { paragraph: 'Dear {{{candidateName}}},' }] }],
          'letter-templates.json',
        ),
    ).toThrow(
      `offers policy letter-templates.json: 0.blocks.${blocks.length}.paragraph: {{{…}}} and {{&…}} are not allowed: every field is HTML-escaped`,
    );
    const labels = standard!.labels as Record<string, unknown>;
    expect(
      () =>
        new LetterTemplates(
          [{ ...standard, labels: { ...labels, payPeriods: { year: 'per year' } } }],
          'letter-templates.json',
        ),
    ).toThrow(/^offers policy letter-templates\.json: 0\.labels\.payPeriods\.month .*required/);
    expect(() => new LetterTemplates([standard, standard], 'letter-templates.json')).toThrow(
      'offers policy letter-templates.json: 1.version: standard-offer version 1 is listed twice',
    );
    expect(
      () =>
        new LetterTemplates([{ ...standard, timeZone: 'Mars/Olympus' }], 'letter-templates.json'),
    ).toThrow(/^offers policy letter-templates\.json: 0\.locale\/timeZone: /);
  });
});
