import { ReadModelDatabase } from '@hirestream/read-models';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase } from '../../../test/support/shared-postgres';
import { LetterTemplates } from '../src/offer-letter/letter-templates';
import { SAMPLE_LETTER } from '../src/offer-letter/letter-view';
import { StoredOfferLetters } from '../src/offer-letter/stored-offer-letters';
import { pdfText } from './support/pdf-text';

const templates = LetterTemplates.fromFolder(join(__dirname, '../policies'));
const letter = { ...SAMPLE_LETTER, template: templates.defaultTemplate() };
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('offer letters stored in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaA: ReadModelDatabase;
  let replicaB: ReadModelDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    replicaA = new ReadModelDatabase(database.url, 'offers');
    replicaB = new ReadModelDatabase(database.url, 'offers');
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  it('reads back on another replica the very bytes whose SHA-256s render returned', async () => {
    const letters = new StoredOfferLetters(replicaA, templates);
    const rendered = await letters.render(letter);

    const other = new StoredOfferLetters(replicaB, templates);
    const html = await other.read(rendered.reference, 'html');
    const pdf = await other.read(rendered.reference, 'pdf');
    expect(html && sha256(html)).toBe(rendered.html.sha256);
    expect(pdf && sha256(pdf)).toBe(rendered.pdf.sha256);
    expect([html?.length, pdf?.length]).toEqual([rendered.html.bytes, rendered.pdf.bytes]);
    expect(await pdfText(pdf!)).toContain('€100,000.00 per year');
  });

  it('gives the same reference when the same letter is rendered again, on any replica', async () => {
    const first = await new StoredOfferLetters(replicaA, templates).render(letter);
    const again = await new StoredOfferLetters(replicaB, templates).render(letter);
    expect(again).toEqual(first);
    const other = await new StoredOfferLetters(replicaA, templates).render({
      ...letter,
      offerVersion: 2,
    });
    expect(other.reference).not.toBe(first.reference);
  });

  it('reads nothing for a reference it never stored or that is not a reference', async () => {
    const letters = new StoredOfferLetters(replicaB, templates);
    expect(await letters.read('0'.repeat(64), 'pdf')).toBeUndefined();
    expect(await letters.read("x' or 1=1 --", 'html')).toBeUndefined();
  });

  it('never serves stored bytes that no longer match the SHA-256 an event recorded', async () => {
    const letters = new StoredOfferLetters(replicaA, templates);
    const rendered = await letters.render({ ...letter, offerVersion: 3 });
    await replicaA.query(
      `update ${replicaA.table('offer_letters')} set pdf = pdf || '\\x00'::bytea where reference = $1`,
      [rendered.reference],
    );
    await expect(letters.read(rendered.reference, 'pdf')).rejects.toThrow(
      `The stored pdf of offer letter ${rendered.reference} does not match its SHA-256`,
    );
    expect(await letters.read(rendered.reference, 'html')).toBeDefined();
  });
});
