import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LetterTemplates } from '../../apps/offers/src/offer-letter/letter-templates';
import { SAMPLE_LETTER } from '../../apps/offers/src/offer-letter/letter-view';
import { renderOfferLetter } from '../../apps/offers/src/offer-letter/offer-letter-renderer';
import type { OfferLetterContent } from '../../apps/offers/src/offer-letter/offer-letter.port';
import { percentile } from './keep-alive-load';

/** What `measureLetterRendering` measured, in milliseconds and bytes. */
export type LetterRendering = Readonly<{ p50Ms: number; p99Ms: number; pdfBytes: number }>;

/**
 * Renders `letters` different offer letters one after another (after `warmup`
 * more), each to HTML and PDF and both hashed, as extending an offer does
 * before it stores them; prints and returns the latency per letter.
 */
export async function measureLetterRendering(
  options: Readonly<{ letters: number; warmup: number }> = { letters: 500, warmup: 50 },
): Promise<LetterRendering> {
  const templates = LetterTemplates.fromFolder(join(__dirname, '../../apps/offers/policies'));
  const template = templates.defaultTemplate();
  const latencies: number[] = [];
  let pdfBytes = 0;
  for (let index = 0; index < options.warmup + options.letters; index++) {
    const letter: OfferLetterContent = {
      ...SAMPLE_LETTER,
      template,
      offerVersion: index + 1,
      terms: {
        ...SAMPLE_LETTER.terms,
        baseSalary: { amountMinor: 8_000_000 + index * 1_237, currency: 'EUR' },
      },
    };
    const started = performance.now();
    const files = await renderOfferLetter(letter, templates);
    createHash('sha256').update(files.html).digest('hex');
    createHash('sha256').update(files.pdf).digest('hex');
    if (index >= options.warmup) {
      latencies.push(performance.now() - started);
      pdfBytes = files.pdf.length;
    }
  }
  const result = { p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), pdfBytes };
  console.log(
    `offer letter rendering (HTML and PDF, both hashed), ${options.letters} letters in turn:`,
  );
  console.log(
    `  p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms; PDF ${(pdfBytes / 1024).toFixed(1)} KiB`,
  );
  return result;
}
