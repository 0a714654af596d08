import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CandidateNotice } from '../domain/candidate-notice';
import { icsDocument } from '../domain/calendar-invite';
import { MESSAGE_KINDS, type MessageKind } from '../domain/message-kinds';

/** The templates shipped with the service: `<locale>/<kind>.{text,html}.hbs` and `<locale>/subjects.json`. */
export const DEFAULT_TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');
/** Every message has a template in this locale; others may have some, and fall back to it. */
export const FALLBACK_LOCALE = 'en';

export type RenderedMessage = Readonly<{
  subject: string;
  text: string;
  html: string;
  attachments: readonly Readonly<{ filename: string; contentType: string; content: string }>[];
}>;

/** A template folder that cannot be used: names the file and what is wrong. */
export class MessageTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageTemplateError';
  }
}

type Compiled = Readonly<{
  subject: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
}>;

/** Files that are not a message of their own: partials every message of the locale may use. */
const PARTIALS = ['layout', 'agenda'];

/**
 * The message templates, per message kind and locale, compiled once at start.
 * A variable a template names that the message does not carry is an error
 * (strict mode), so a typo fails the start's check, not a candidate's email.
 * HTML is escaped by Handlebars; the plain text and the subject are not HTML.
 */
export class MessageTemplates {
  private constructor(
    private readonly locales: ReadonlyMap<string, ReadonlyMap<MessageKind, Compiled>>,
  ) {}

  static fromFolder(dir: string): MessageTemplates {
    if (!existsSync(dir)) throw new MessageTemplateError(`message templates: no folder ${dir}`);
    const locales = new Map<string, Map<MessageKind, Compiled>>();
    for (const locale of readdirSync(dir, { withFileTypes: true })) {
      if (!locale.isDirectory()) continue;
      locales.set(locale.name, loadLocale(join(dir, locale.name)));
    }
    const fallback = locales.get(FALLBACK_LOCALE);
    const missing = MESSAGE_KINDS.filter((kind) => !fallback?.has(kind));
    if (missing.length > 0) {
      throw new MessageTemplateError(
        `message templates: ${join(dir, FALLBACK_LOCALE)} has no template for ${missing.join(', ')}`,
      );
    }
    return new MessageTemplates(locales);
  }

  /** The locales with templates, the fallback first. */
  get localesAvailable(): string[] {
    return [...this.locales.keys()].sort((a, b) =>
      a === FALLBACK_LOCALE ? -1 : b === FALLBACK_LOCALE ? 1 : a.localeCompare(b),
    );
  }

  /** The message in the candidate's locale (`fr-CA`, then `fr`, then `en`), with its invitation attached. */
  render(notice: CandidateNotice): RenderedMessage {
    const { locale, templates } = this.templatesFor(notice.locale, notice.kind);
    const view = { ...notice.view, locale };
    const subject = templates.subject(view).replace(/\s+/g, ' ').trim();
    return {
      subject,
      text: templates.text(view),
      html: templates.html({ ...view, subject }),
      attachments:
        notice.calendar === null
          ? []
          : [
              {
                filename:
                  notice.calendar.method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
                contentType: `text/calendar; charset=utf-8; method=${notice.calendar.method}`,
                content: icsDocument(notice.calendar),
              },
            ],
    };
  }

  private templatesFor(locale: string, kind: MessageKind): { locale: string; templates: Compiled } {
    const language = locale.split('-')[0];
    for (const candidate of [locale, language, FALLBACK_LOCALE]) {
      const templates = this.locales.get(candidate)?.get(kind);
      if (templates !== undefined) return { locale: candidate, templates };
    }
    throw new MessageTemplateError(`no template for ${kind}`);
  }
}

function loadLocale(dir: string): Map<MessageKind, Compiled> {
  const text = Handlebars.create();
  const html = Handlebars.create();
  const compile = (env: typeof Handlebars, file: string, noEscape: boolean) => {
    const path = join(dir, file);
    const source = readFileSync(path, 'utf8');
    try {
      // Compiling is lazy: parse now, so a syntax error names its file at start.
      env.precompile(source, { strict: true, noEscape });
      return env.compile(source, { strict: true, noEscape });
    } catch (error) {
      throw new MessageTemplateError(`message template ${path}: ${(error as Error).message}`);
    }
  };
  for (const partial of PARTIALS) {
    for (const [env, suffix] of [
      [text, 'text'],
      [html, 'html'],
    ] as const) {
      const file = join(dir, `${partial}.${suffix}.hbs`);
      if (existsSync(file)) env.registerPartial(partial, readFileSync(file, 'utf8'));
    }
  }
  const subjectsFile = join(dir, 'subjects.json');
  let subjects: Record<string, unknown> = {};
  if (existsSync(subjectsFile)) {
    try {
      subjects = JSON.parse(readFileSync(subjectsFile, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new MessageTemplateError(
        `message template ${subjectsFile}: ${(error as Error).message}`,
      );
    }
  }
  const compiled = new Map<MessageKind, Compiled>();
  for (const kind of MESSAGE_KINDS) {
    const hasText = existsSync(join(dir, `${kind}.text.hbs`));
    const hasHtml = existsSync(join(dir, `${kind}.html.hbs`));
    const subject = subjects[kind];
    if (!hasText && !hasHtml && subject === undefined) continue;
    if (!hasText || !hasHtml || typeof subject !== 'string') {
      throw new MessageTemplateError(
        `message templates in ${dir}: ${kind} needs ${kind}.text.hbs, ${kind}.html.hbs and a subject in subjects.json`,
      );
    }
    compiled.set(kind, {
      subject: (() => {
        try {
          return text.compile(subject, { strict: true, noEscape: true });
        } catch (error) {
          throw new MessageTemplateError(
            `message template ${subjectsFile} (${kind}): ${(error as Error).message}`,
          );
        }
      })(),
      text: compile(text, `${kind}.text.hbs`, true),
      html: compile(html, `${kind}.html.hbs`, false),
    });
  }
  const unknown = Object.keys(subjects).filter(
    (kind) => !(MESSAGE_KINDS as readonly string[]).includes(kind),
  );
  if (unknown.length > 0) {
    throw new MessageTemplateError(
      `message templates ${subjectsFile}: unknown message ${unknown.join(', ')}`,
    );
  }
  return compiled;
}
