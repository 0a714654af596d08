import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

// pdfjs-dist is an ES module that jest's CommonJS transform cannot load, so a child Node reads the PDF.
const EXTRACT_TEXT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= doc.numPages; number++) {
  const content = await (await doc.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join(''));
}
process.stdout.write(pages.join('\\n'));
`;

/** The text a PDF reader extracts from a PDF (pdfjs-dist, as browsers do), with white space collapsed. */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', EXTRACT_TEXT],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdfjs could not read the PDF: ${stderr || error.message}`));
        else resolve(stdout.replace(/\s+/g, ' ').trim());
      },
    );
    child.stdin!.end(pdf);
  });
}
