import { hirestreamEventCatalog } from '@hirestream/contracts';
import {
  dataKeyId,
  LocalKeyEncryptionKey,
  PersonalDataIntegrityError,
  PersonalDataVault,
  PostgresDataKeyStore,
} from '@hirestream/personal-data';
import { ReadModelDatabase } from '@hirestream/read-models';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase } from '../../../test/support/shared-postgres';
import { LetterTemplates } from '../src/offer-letter/letter-templates';
import { SAMPLE_LETTER } from '../src/offer-letter/letter-view';
import {
  OfferLetterContentError,
  OfferLetterErasedError,
} from '../src/offer-letter/offer-letter.port';
import { StoredOfferLetters } from '../src/offer-letter/stored-offer-letters';
import { pdfText } from './support/pdf-text';

const templates = LetterTemplates.fromFolder(join(__dirname, '../policies'));
const letter = { ...SAMPLE_LETTER, template: templates.defaultTemplate() };
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('offer letters stored in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaA: ReadModelDatabase;
  let replicaB: ReadModelDatabase;
  let vaultA: PersonalDataVault;
  let vaultB: PersonalDataVault;
  const candidateId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    replicaA = new ReadModelDatabase(database.url, 'offers');
    replicaB = new ReadModelDatabase(database.url, 'offers');
    const kek = new LocalKeyEncryptionKey(randomBytes(32));
    vaultA = new PersonalDataVault(hirestreamEventCatalog, new PostgresDataKeyStore(replicaA, kek));
    vaultB = new PersonalDataVault(hirestreamEventCatalog, new PostgresDataKeyStore(replicaB, kek));
  });

  afterAll(async () => {
    await replicaA?.close();
    await replicaB?.close();
    await database?.drop();
  });

  const lettersOn = (replica: 'A' | 'B') =>
    replica === 'A'
      ? new StoredOfferLetters(replicaA, templates, vaultA)
      : new StoredOfferLetters(replicaB, templates, vaultB);

  /** The stored row of a letter, as PostgreSQL keeps it, in text. */
  async function storedRow(reference: string): Promise<string> {
    const { rows } = await replicaA.query<{ row: string }>(
      `select t::text as row from ${replicaA.table('sealed_offer_letters')} t where reference = $1`,
      [reference],
    );
    return rows[0].row;
  }

  it('reads back on another replica the very bytes whose SHA-256s render returned', async () => {
    const rendered = await lettersOn('A').render(candidateId, letter);

    const other = lettersOn('B');
    const html = await other.read(rendered.reference, 'html');
    const pdf = await other.read(rendered.reference, 'pdf');
    expect(html && sha256(html)).toBe(rendered.html.sha256);
    expect(pdf && sha256(pdf)).toBe(rendered.pdf.sha256);
    expect([html?.length, pdf?.length]).toEqual([rendered.html.bytes, rendered.pdf.bytes]);
    expect(await pdfText(pdf!)).toContain('€100,000.00 per year');
  });

  it("keeps both documents sealed: the stored row holds neither the candidate's name nor the documents' bytes", async () => {
    const rendered = await lettersOn('A').render(candidateId, { ...letter, offerVersion: 4 });
    const html = (await lettersOn('B').read(rendered.reference, 'html'))!;
    expect(html.toString('utf8')).toContain(letter.candidateName);
    const stored = await storedRow(rendered.reference);
    expect(stored).toContain(rendered.html.sha256);
    expect(stored).not.toContain(letter.candidateName);
    expect(stored).not.toContain(html.toString('base64').slice(0, 64));
  });

  it('gives the same reference when the same letter is rendered again, on any replica', async () => {
    const first = await lettersOn('A').render(candidateId, letter);
    const again = await lettersOn('B').render(candidateId, letter);
    expect(again).toEqual(first);
    const other = await lettersOn('A').render(candidateId, { ...letter, offerVersion: 2 });
    expect(other.reference).not.toBe(first.reference);
  });

  it('reads nothing for a reference it never stored or that is not a reference', async () => {
    const letters = lettersOn('B');
    expect(await letters.read('0'.repeat(64), 'pdf')).toBeUndefined();
    expect(await letters.read("x' or 1=1 --", 'html')).toBeUndefined();
  });

  it('never serves stored bytes that no longer match what was sealed or the SHA-256 an event recorded', async () => {
    const letters = lettersOn('A');
    const rendered = await letters.render(candidateId, { ...letter, offerVersion: 3 });
    const table = replicaA.table('sealed_offer_letters');
    const alter = (set: string) =>
      replicaA.query(`update ${table} set ${set} where reference = $1`, [rendered.reference]);
    await alter(`pdf_sha256 = '${'0'.repeat(64)}'`);
    await expect(letters.read(rendered.reference, 'pdf')).rejects.toThrow(
      `The stored pdf of offer letter ${rendered.reference} does not match its SHA-256`,
    );
    await alter(`pdf = html`);
    await expect(letters.read(rendered.reference, 'pdf')).rejects.toThrow(
      PersonalDataIntegrityError,
    );
    await alter(`html = replace(html, '"tag":"', '"tag":"A')`);
    await expect(letters.read(rendered.reference, 'html')).rejects.toThrow(
      PersonalDataIntegrityError,
    );
  });

  it("is gone once the candidacy's key is erased, and no letter is written to the candidate again", async () => {
    const erased = randomUUID();
    const rendered = await lettersOn('A').render(erased, { ...letter, offerVersion: 5 });
    await vaultA.erase([dataKeyId('candidate', erased)]);
    for (const format of ['html', 'pdf'] as const) {
      await expect(lettersOn('A').read(rendered.reference, format)).rejects.toThrow(
        OfferLetterErasedError,
      );
    }
    await expect(lettersOn('A').render(erased, { ...letter, offerVersion: 6 })).rejects.toThrow(
      OfferLetterContentError,
    );
    const someoneElses = await lettersOn('A').render(candidateId, letter);
    expect(await lettersOn('A').read(someoneElses.reference, 'html')).toBeDefined();
  });
});
