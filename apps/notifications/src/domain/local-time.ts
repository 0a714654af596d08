/** An instant as the candidate reads it: their locale's long date and time, in their zone, named. */
export function localDateTime(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(instant));
}

export function localDate(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone }).format(new Date(instant));
}

export function localTime(instant: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(
    new Date(instant),
  );
}

/** A calendar date (`2030-04-01`, no zone) in the locale's long form. */
export function calendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A vocabulary word for a person: `background-check` → `background check`. */
export function spoken(word: string): string {
  return word.replaceAll('-', ' ');
}
