import { foldLine, icsDocument, icsText, type CalendarInvite } from './calendar-invite';

const invite: CalendarInvite = {
  method: 'REQUEST',
  stampedAt: '2030-03-01T10:00:00.000Z',
  organizer: 'no-reply@hirestream.localhost',
  attendee: { name: 'Ada "Countess" Lovelace', email: 'ada@example.org' },
  entries: [
    {
      uid: 'interview-1@hirestream',
      sequence: 1,
      startsAt: '2030-03-04T09:00:00Z',
      endsAt: '2030-03-04T10:00:00Z',
      summary: 'System design; whiteboard, part 1',
      location: 'https://meet.example.org/abc',
      description: 'video technical interview\nround 1',
      cancelled: false,
    },
  ],
};

describe('the iCalendar invitation', () => {
  it('is a VCALENDAR with one VEVENT per entry, in UTC, with its sequence, organizer and attendee', () => {
    const ics = icsDocument(invite);
    const lines = ics.split('\r\n');

    expect(lines.slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//hirestream//notifications//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:REQUEST',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:interview-1@hirestream',
        'SEQUENCE:1',
        'DTSTAMP:20300301T100000Z',
        'DTSTART:20300304T090000Z',
        'DTEND:20300304T100000Z',
        'SUMMARY:System design\\; whiteboard\\, part 1',
        'DESCRIPTION:video technical interview\\nround 1',
        'ORGANIZER:mailto:no-reply@hirestream.localhost',
        'STATUS:CONFIRMED',
      ]),
    );
    expect(ics.replaceAll('\r\n ', '')).toContain(
      'ATTENDEE;CN="Ada Countess Lovelace";ROLE=REQ-PARTICIPANT:mailto:ada@example.org',
    );
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const ics = icsDocument({
      ...invite,
      method: 'CANCEL',
      entries: invite.entries.map((entry) => ({ ...entry, cancelled: true })),
    });
    expect(ics).toContain('METHOD:CANCEL\r\n');
    expect(ics).toContain('STATUS:CANCELLED\r\n');
  });

  it('escapes text and folds long lines at 75 octets, never inside a character', () => {
    expect(icsText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(long).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(long);
  });
});
