import { SchemaValidator } from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LetterTemplate } from './letter-template';
import { sampleLetterView } from './letter-view';
import { OfferLetterContentError, type LetterTemplateRef } from './offer-letter.port';

/** The file of the letter templates in the policies folder. */
export const LETTER_TEMPLATES_FILE = 'letter-templates.json';

const LetterTemplatesFile = Type.Array(LetterTemplate, { minItems: 1 });

/** A block's texts compiled twice: escaped for HTML, as they are for the PDF. */
export type CompiledText = Readonly<{
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}>;

export type CompiledLetterTemplate = Readonly<{
  template: LetterTemplate;
  compiled: ReadonlyMap<string, CompiledText>;
}>;

/**
 * Every version of every letter template, read from the policies folder at
 * start. A version never changes once an offer was extended with it: an
 * auditor re-reads the stored letter, and a new wording is a new version.
 */
export class LetterTemplates {
  private readonly byRef = new Map<string, CompiledLetterTemplate>();
  private readonly newest: LetterTemplateRef;

  /** The entries of a letter templates file; the first entry's id is the default template. */
  constructor(file: unknown, source: string) {
    const problems = new SchemaValidator({ text: 'check' }).problems(LetterTemplatesFile, file);
    if (problems.length > 0) {
      const listed = problems.map(({ field, message }) => `${field || '(the file)'} ${message}`);
      throw new Error(`offers policy ${source}: ${listed.join('; ')}`);
    }
    const templates = file as LetterTemplate[];
    templates.forEach((template, index) => {
      const key = refKey(template);
      if (this.byRef.has(key)) {
        throw new Error(
          `offers policy ${source}: ${index}.version: ${template.id} version ${template.version} is listed twice`,
        );
      }
      this.byRef.set(key, compileTemplate(template, `offers policy ${source}: ${index}`));
    });
    const defaultId = templates[0]!.id;
    this.newest = {
      id: defaultId,
      version: Math.max(
        ...templates.filter(({ id }) => id === defaultId).map(({ version }) => version),
      ),
    };
  }

  /** Reads `letter-templates.json` from the policies folder; a bad file stops the start naming it and the field. */
  static fromFolder(policiesDir: string): LetterTemplates {
    const path = join(policiesDir, LETTER_TEMPLATES_FILE);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`offers policy ${path}: cannot be read (${(error as Error).message})`, {
        cause: error,
      });
    }
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `offers policy ${LETTER_TEMPLATES_FILE}: is not JSON (${(error as Error).message})`,
        { cause: error },
      );
    }
    return new LetterTemplates(file, LETTER_TEMPLATES_FILE);
  }

  defaultTemplate(): LetterTemplateRef {
    return this.newest;
  }

  /** The template version a letter names; a client error when there is none. */
  get(ref: LetterTemplateRef): CompiledLetterTemplate {
    const found = this.byRef.get(refKey(ref));
    if (found === undefined) {
      throw new OfferLetterContentError(
        `template: there is no letter template ${JSON.stringify(ref.id)} version ${ref.version}`,
      );
    }
    return found;
  }
}

function refKey(ref: LetterTemplateRef): string {
  return `${ref.id}@${ref.version}`;
}

/** Every text of the template compiled, and tried on a sample letter so a misspelt field stops the start. */
function compileTemplate(template: LetterTemplate, at: string): CompiledLetterTemplate {
  try {
    new Intl.DateTimeFormat(template.locale, { timeZone: template.timeZone });
  } catch (error) {
    throw new Error(`${at}.locale/timeZone: ${(error as Error).message}`, { cause: error });
  }
  const compiled = new Map<string, CompiledText>();
  const sample = sampleLetterView(template);
  const compile = (source: string, field: string): void => {
    if (compiled.has(source)) return;
    try {
      refuseUnescaped(Handlebars.parse(source));
      const text: CompiledText = {
        html: Handlebars.compile(source, { strict: true, knownHelpersOnly: true }),
        text: Handlebars.compile(source, { strict: true, knownHelpersOnly: true, noEscape: true }),
      };
      text.text(sample);
      compiled.set(source, text);
    } catch (error) {
      const reason = (error as Error).message
        .replace(' in [object Object]', '')
        .replace(/\s*\n\s*/g, ' ');
      throw new Error(`${at}.${field}: ${reason}`, { cause: error });
    }
  };
  compile(template.title, 'title');
  template.blocks.forEach((block, index) => {
    if ('heading' in block) compile(block.heading, `blocks.${index}.heading`);
    if ('paragraph' in block) compile(block.paragraph, `blocks.${index}.paragraph`);
    if ('terms' in block) {
      block.terms.forEach((term, row) => {
        compile(term.label, `blocks.${index}.terms.${row}.label`);
        compile(term.value, `blocks.${index}.terms.${row}.value`);
      });
    }
  });
  return { template, compiled };
}

type TemplateNode = { type: string; escaped?: boolean } & {
  body?: TemplateNode[];
  program?: TemplateNode | null;
  inverse?: TemplateNode | null;
};

/** `{{{field}}}` and `{{& field}}` would put what people wrote into the HTML unescaped. */
function refuseUnescaped(node: TemplateNode | null | undefined): void {
  if (node === null || node === undefined) return;
  if (node.type === 'MustacheStatement' && node.escaped === false) {
    throw new Error('{{{…}}} and {{&…}} are not allowed: every field is HTML-escaped');
  }
  node.body?.forEach(refuseUnescaped);
  refuseUnescaped(node.program);
  refuseUnescaped(node.inverse);
}
