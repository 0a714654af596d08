/** One calendar entry of an invitation: an interview (its id names it across updates). */
export type CalendarEntry = Readonly<{
  uid: string;
  /** 0 as first sent, higher at each change: calendars keep the highest. */
  sequence: number;
  startsAt: string;
  endsAt: string;
  summary: string;
  location: string | null;
  description: string;
  cancelled: boolean;
}>;

/** An iCalendar invitation (RFC 5545/5546): entries to add or update, or to cancel. */
export type CalendarInvite = Readonly<{
  method: 'REQUEST' | 'CANCEL';
  /** When the fact happened: every entry's DTSTAMP. */
  stampedAt: string;
  organizer: string;
  attendee: Readonly<{ name: string; email: string }>;
  entries: readonly CalendarEntry[];
}>;

/** `20300304T090000Z` from an ISO instant. */
function icsInstant(instant: string): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Text values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11). */
export function icsText(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value is quoted; it may hold no double quote or control character. */
function icsParameter(text: string): string {
  return `"${text.replace(/["\p{Cc}]/gu, '')}"`;
}

/** Lines longer than 75 octets are folded with CRLF and a space, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The invitation as an iCalendar document (CRLF lines, folded). */
export function icsDocument(invite: CalendarInvite): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//hirestream//notifications//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${invite.method}`,
  ];
  for (const entry of invite.entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(entry.uid)}`,
      `SEQUENCE:${entry.sequence}`,
      `DTSTAMP:${icsInstant(invite.stampedAt)}`,
      `DTSTART:${icsInstant(entry.startsAt)}`,
      `DTEND:${icsInstant(entry.endsAt)}`,
      `SUMMARY:${icsText(entry.summary)}`,
      ...(entry.location === null ? [] : [`LOCATION:${icsText(entry.location)}`]),
      `DESCRIPTION:${icsText(entry.description)}`,
      `ORGANIZER:mailto:${invite.organizer}`,
      `ATTENDEE;CN=${icsParameter(invite.attendee.name)};ROLE=REQ-PARTICIPANT:mailto:${invite.attendee.email}`,
      `STATUS:${entry.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
