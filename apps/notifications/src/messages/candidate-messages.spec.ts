import type { Event, EventMetadata } from '@hirestream/contracts';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { checkStreamFacts, offerStreamFacts } from '@hirestream/testing/offer-stream-facts';
import { mkdtempSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NoticeSettings } from '../domain/candidate-notice';
import { evolveCandidateProfile, type CandidateProfile } from '../domain/candidate-profile';
import type { HiringEvent, HiringRecord } from '../domain/hiring-event';
import { MESSAGE_KINDS } from '../domain/message-kinds';
import { noticeFor, offerReminderFor } from '../domain/notices';
import { DEFAULT_TEMPLATES_DIR, MessageTemplateError, MessageTemplates } from './message-templates';

const CANDIDATE = '00000000-0000-4000-8000-000000000001';
const facts = candidateStreamFacts(CANDIDATE);
const offer = offerStreamFacts(CANDIDATE, '00000000-0000-4000-8000-0000000000f1');
const check = checkStreamFacts(CANDIDATE, '00000000-0000-4000-8000-0000000000c1');
const settings: NoticeSettings = {
  locale: 'en',
  timeZone: 'UTC',
  organizer: 'no-reply@hirestream.localhost',
};
const templates = MessageTemplates.fromFolder(DEFAULT_TEMPLATES_DIR);

function records(
  events: readonly Event[],
  metadata: Partial<EventMetadata>[] = [],
): HiringRecord[] {
  return events.map((event, index) => ({
    event: event as HiringEvent,
    metadata: {
      eventId: `e-${index}`,
      occurredAt: '2030-03-01T10:00:00Z',
      actor: { id: 'recruiter-1', role: 'recruiter' },
      correlationId: 'c-1',
      causationId: `cause-${index}`,
      schemaVersion: 1,
      ...metadata[index],
    },
  }));
}

/** Each event's message, decided on the facts folded up to and including it. */
function messagesOf(stream: readonly HiringRecord[], noticeSettings = settings) {
  let profile: CandidateProfile | null = null;
  return stream.flatMap((record) => {
    profile = evolveCandidateProfile(profile, record);
    const notice = profile === null ? null : noticeFor(record, profile, noticeSettings);
    return notice === null ? [] : [{ notice, message: templates.render(notice) }];
  });
}

const DAY_ID = '00000000-0000-4000-8000-0000000000da';
const session = (interviewId: string, title: string, startsAt: string, endsAt: string) => ({
  interviewId,
  title,
  kind: 'technical' as const,
  round: 2,
  format: 'in-person' as const,
  location: 'Floor 3, Room Babbage',
  videoLink: null,
  panel: [{ interviewerId: 'interviewer-1', role: 'lead' as const }],
  startsAt,
  endsAt,
});
const interviewDay: Event = {
  type: 'InterviewDayScheduled',
  data: {
    candidateId: CANDIDATE,
    dayId: DAY_ID,
    candidateTimeZone: 'America/New_York',
    sessions: [
      session(
        '00000000-0000-4000-8000-0000000000a1',
        'System design',
        '2030-03-11T14:00:00Z',
        '2030-03-11T15:00:00Z',
      ),
      session(
        '00000000-0000-4000-8000-0000000000a2',
        'Coding',
        '2030-03-11T16:00:00Z',
        '2030-03-11T17:00:00Z',
      ),
    ],
    breaks: [{ title: 'Lunch', startsAt: '2030-03-11T15:00:00Z', endsAt: '2030-03-11T16:00:00Z' }],
  },
};

describe('candidate messages', () => {
  it('tells each outcome of a journey once, in order, with text and HTML in every kind but the reminder', () => {
    const interviewId = '00000000-0000-4000-8000-0000000000b1';
    const decided = facts.decided({
      advanceTo: 'background-check',
      feedbackForCandidate: 'Clear, calm design.',
    });
    const stream = records(
      [
        facts.registered(),
        facts.moved('applied', 'screening'),
        facts.moved('screening', 'interviewing'),
        facts.scheduled(interviewId, ['interviewer-1']),
        {
          type: 'InterviewRescheduled',
          data: {
            candidateId: CANDIDATE,
            interviewId,
            version: 2,
            startsAt: '2030-03-05T09:00:00Z',
            endsAt: '2030-03-05T10:00:00Z',
            reason: 'The lead is travelling',
          },
        },
        facts.cancelled(interviewId),
        interviewDay,
        {
          type: 'InterviewDayRescheduled',
          data: {
            candidateId: CANDIDATE,
            dayId: DAY_ID,
            startsAt: '2030-03-12T14:00:00Z',
            endsAt: '2030-03-12T17:00:00Z',
            reason: 'A room clash',
            breaks: [
              { title: 'Lunch', startsAt: '2030-03-12T15:00:00Z', endsAt: '2030-03-12T16:00:00Z' },
            ],
            sessions: [
              {
                interviewId: '00000000-0000-4000-8000-0000000000a1',
                version: 2,
                startsAt: '2030-03-12T14:00:00Z',
                endsAt: '2030-03-12T15:00:00Z',
              },
              {
                interviewId: '00000000-0000-4000-8000-0000000000a2',
                version: 2,
                startsAt: '2030-03-12T16:00:00Z',
                endsAt: '2030-03-12T17:00:00Z',
              },
            ],
          },
        },
        {
          type: 'AssessmentAssigned',
          data: {
            candidateId: CANDIDATE,
            assignmentId: '00000000-0000-4000-8000-0000000000e1',
            kind: 'take-home',
            title: 'Rate limiter',
            instructions: 'Build a <rate limiter>.',
            dueAt: '2030-03-15T17:00:00Z',
            reviewerIds: ['interviewer-1'],
            rubric: { rubricId: '00000000-0000-4000-8000-0000000000e2', version: 1 },
          },
        },
        decided,
        facts.moved('interviewing', 'background-check'),
        ...check.noticeSent(),
        check.finalAdverseAction(),
        offer.drafted(1),
        ...offer.fullyApproved(1),
        offer.extended(1),
        facts.rejected({ feedbackForCandidate: 'Practise explaining trade-offs.' }),
        facts.rejected({ category: 'adverse-action' }),
      ],
      // The stage change is the panel decision's doing (its causation is the decision's event id).
      [
        {},
        {},
        {},
        {},
        {},
        {},
        {},
        {},
        {},
        { eventId: 'decision-1' },
        { causationId: 'decision-1' },
      ],
    );

    const told = messagesOf(stream);

    expect(told.map(({ notice }) => notice.kind)).toEqual([
      'application-received',
      'advancing',
      'interview-scheduled',
      'interview-rescheduled',
      'interview-cancelled',
      'interview-day-scheduled',
      'interview-day-rescheduled',
      'assessment-assigned',
      'advancing',
      'background-check-consent-requested',
      'pre-adverse-action-notice',
      'final-adverse-action-notice',
      'offer-extended',
      'not-advancing',
    ]);
    expect(new Set([...told.map(({ notice }) => notice.kind), 'offer-expiring-soon'])).toEqual(
      new Set(MESSAGE_KINDS),
    );
    for (const { message } of told) {
      expect(message.subject).not.toBe('');
      expect(message.text).toContain('Ada Lovelace');
      expect(message.html).toContain('<p>Dear Ada Lovelace,</p>');
    }
    const byKind = new Map(told.map(({ notice, message }) => [notice.kind, message]));
    expect(byKind.get('assessment-assigned')?.html).toContain('Build a &lt;rate limiter&gt;.');
    expect(byKind.get('assessment-assigned')?.text).toContain('Build a <rate limiter>.');
    expect(told[8].message.text).toContain('Clear, calm design.');
    expect(byKind.get('not-advancing')?.text).toContain('Practise explaining trade-offs.');
    expect(byKind.get('pre-adverse-action-notice')?.text).toContain('5 business days');
    expect(byKind.get('interview-cancelled')?.attachments[0].content).toContain('METHOD:CANCEL');
    expect(byKind.get('interview-rescheduled')?.attachments[0].content).toContain('SEQUENCE:1');
  });

  it("shows an interview day's agenda in the candidate's time zone, breaks included, with an invitation per interview", () => {
    const [, day] = messagesOf(records([facts.registered(), interviewDay]));

    expect(day.message.subject).toBe('Your interview day on Monday, March 11, 2030');
    expect(day.message.text).toContain('(America/New_York)');
    expect(day.message.text).toMatch(
      /10:00\sAM–11:00\sAM {2}System design \(in person\), Floor 3, Room Babbage\n {2}11:00\sAM–12:00\sPM {2}Lunch\n {2}12:00\sPM–1:00\sPM {2}Coding/,
    );
    const [invitation] = day.message.attachments;
    expect(invitation).toMatchObject({
      filename: 'invitation.ics',
      contentType: 'text/calendar; charset=utf-8; method=REQUEST',
    });
    expect(invitation.content.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(invitation.content).toContain('DTSTART:20300311T140000Z');
  });

  it('escapes what the candidate typed in the HTML and keeps it as typed in the text', () => {
    const [received] = messagesOf(
      records([facts.registered({ fullName: '<img src=x onerror=alert(1)> Ada' })]),
    );
    expect(received.message.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; Ada');
    expect(received.message.html).not.toContain('<img');
    expect(received.message.text).toContain('<img src=x onerror=alert(1)> Ada');
  });

  it("writes in the candidate's locale where it has the message, and in English where it has not", () => {
    const stream = records([facts.registered(), facts.moved('screening', 'interviewing')]);
    const [received, advancing] = messagesOf(stream, { ...settings, locale: 'fr-CA' });
    expect(received.message.subject).toBe('Nous avons bien reçu votre candidature');
    expect(received.message.html).toContain('<html lang="fr">');
    expect(advancing.message.subject).toBe('Good news about your application');
  });

  it('reminds of an extended offer not answered yet, and of no other', () => {
    const fold = (events: Event[]) =>
      records(events).reduce<CandidateProfile | null>(
        (profile, record) => evolveCandidateProfile(profile, record),
        null,
      );
    const extended = fold([
      facts.registered(),
      offer.drafted(1),
      ...offer.fullyApproved(1),
      offer.extended(1),
    ]);
    const answered = fold([
      facts.registered(),
      offer.drafted(1),
      ...offer.fullyApproved(1),
      offer.extended(1),
      offer.accepted(1),
    ]);
    const reminder = {
      offerId: '00000000-0000-4000-8000-0000000000f1',
      version: 1,
      expiresAt: '2030-03-20T17:00:00Z',
      firedAt: '2030-03-19T17:00:00Z',
    };

    const notice = offerReminderFor(extended!, settings, reminder);
    expect(notice?.kind).toBe('offer-expiring-soon');
    expect(templates.render(notice!).subject).toBe(
      'Your offer expires Wednesday, March 20, 2030 at 5:00 PM',
    );
    expect(offerReminderFor(answered!, settings, reminder)).toBeNull();
    expect(offerReminderFor(extended!, settings, { ...reminder, version: 2 })).toBeNull();
  });

  describe('a template folder that cannot be used stops the start, naming the file', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'templates-'));
      cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('a message without its English template', () => {
      rmSync(join(dir, 'en', 'advancing.html.hbs'));
      expect(() => MessageTemplates.fromFolder(dir)).toThrow(MessageTemplateError);
      expect(() => MessageTemplates.fromFolder(dir)).toThrow(
        /advancing needs advancing.text.hbs, advancing.html.hbs and a subject/,
      );
    });

    it('a template that does not parse', () => {
      writeFileSync(join(dir, 'fr', 'application-received.text.hbs'), 'Bonjour {{#if}}');
      expect(() => MessageTemplates.fromFolder(dir)).toThrow(/fr\/application-received.text.hbs/);
    });

    it('a subject of an unknown message', () => {
      writeFileSync(
        join(dir, 'fr', 'subjects.json'),
        JSON.stringify({
          'application-received': 'Reçue',
          'interview-scheduled': 'Entretien',
          welcome: 'Bienvenue',
        }),
      );
      expect(() => MessageTemplates.fromFolder(dir)).toThrow(/unknown message welcome/);
    });
  });
});
