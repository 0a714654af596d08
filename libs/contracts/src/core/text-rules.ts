/*
 * The one definition of "text" for every request field and every event field
 * written by a person: NFC-normalized, trimmed, free of control characters
 * (but tab and line breaks in multi-line text), Unicode format characters
 * (zero-width spaces, bidirectional overrides), surrogates and private-use
 * characters, and not blank once the invisible is set aside. Lengths count
 * Unicode code points, as JSON Schema's minLength/maxLength do.
 */

/** The schema keyword that marks a text field: its value is normalized text (see `normalizeText`). */
export const TEXT_KEYWORD = 'x-hirestream-text';

/** Something a person can see: a letter, digit, punctuation mark or symbol. */
const VISIBLE = '[\\p{L}\\p{N}\\p{P}\\p{S}]';
const FORBIDDEN = '\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Zl}\\p{Zp}';

/** One line of text (names, titles, reasons). */
export const SINGLE_LINE_TEXT_PATTERN = `^(?=.*${VISIBLE})[^${FORBIDDEN}]+$`;

/** Text that may span lines (notes, feedback): tab, CR and LF are allowed besides. */
export const MULTI_LINE_TEXT_PATTERN = `^(?=[\\s\\S]*${VISIBLE})(?:[^${FORBIDDEN}]|[\\t\\n\\r])+$`;

/** The stored form of a person's text: composed (NFC) and without surrounding white space. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/** Whether `value` is already in its stored form. */
export function isNormalizedText(value: string): boolean {
  return normalizeText(value) === value;
}
