import { candidateStreamName, type CandidateEvent } from '@hirestream/contracts';
import { eventually, hiringSeeds, useServiceApps } from '@hirestream/testing';
import { CandidateNotifier } from '../src/notices/candidate-notifier';
import { kindsReceived, received, useEmbeddedMailbox } from './support/embedded-mailbox';

// Events published by the candidates and scheduling services (their relays,
// real Kafka clients on the embedded broker) reach the notifications
// service's consumers; each becomes one message in the embedded SMTP
// server's mailbox, and its delivery status is served by the API.
const mailbox = useEmbeddedMailbox();
const apps = useServiceApps({
  candidates: {},
  scheduling: {},
  notifications: { consumers: true, env: mailbox.env },
});
const seeds = hiringSeeds({ candidates: apps.candidates, scheduling: apps.scheduling });

type MessagesView = {
  messages: {
    kind: string;
    status: string;
    attempts: number;
    subject: string;
    attachments: string[];
  }[];
};

describe('candidate notifications across services', () => {
  it('tells the candidate of the application, the interviews and the day, once each, and serves their delivery status', async () => {
    const candidateId = await seeds.interviewingCandidate();
    for (const interviewer of ['interviewer-n1', 'interviewer-n2'])
      await seeds.alwaysAvailable(interviewer);
    const interviewId = await seeds.interview(
      candidateId,
      ['interviewer-n1'],
      '2030-03-04T09:00:00Z',
    );
    await seeds.interviewDay(
      candidateId,
      ['interviewer-n1', 'interviewer-n2'],
      '2030-03-06T09:00:00Z',
    );
    const cancelled = await apps.scheduling.inject({
      method: 'POST',
      url: `/candidates/${candidateId}/interviews/${interviewId}/cancellation`,
      payload: { reason: 'The lead is ill' },
      as: 'coordinator',
    });
    expect(cancelled.statusCode).toBe(200);

    const expected = [
      'application-received',
      'advancing',
      'interview-scheduled',
      'interview-day-scheduled',
      'interview-cancelled',
    ];
    await eventually(
      'the five messages in the mailbox',
      async () =>
        kindsReceived(mailbox.server(), candidateId).length >= expected.length ? true : undefined,
      30_000,
    );
    expect(kindsReceived(mailbox.server(), candidateId)).toEqual(expected);

    const [, , scheduled, day, cancellation] = received(mailbox.server(), candidateId);
    expect(scheduled).toMatchObject({
      to: ['grace@example.org'],
      attachments: [{ filename: 'invitation.ics' }],
    });
    expect(scheduled.text).toContain('(Europe/London)');
    expect(day.text).toContain('Session 1');
    expect(day.text).toContain('Session 2');
    expect(cancellation.attachments).toMatchObject([
      { filename: 'cancellation.ics', contentType: 'text/calendar' },
    ]);

    const asRecruiter = await apps.notifications.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/notifications`,
      as: 'recruiter',
    });
    expect(asRecruiter.statusCode).toBe(200);
    expect(
      asRecruiter
        .json<MessagesView>()
        .messages.map(({ kind, status, attempts }) => ({ kind, status, attempts })),
    ).toEqual(expected.map((kind) => ({ kind, status: 'sent', attempts: 1 })));
    const own = await apps.notifications.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/notifications`,
      as: { bearer: await apps.notifications.bearer('candidate', 'candidate-n', candidateId) },
    });
    expect(own.json<MessagesView>().messages).toHaveLength(expected.length);

    // The same event told again (a redelivery past the consumer's log) records nothing new.
    const notifier = apps.notifications.app.get(CandidateNotifier);
    const { events } = await apps.notifications.store.readStream<CandidateEvent>(
      candidateStreamName(candidateId),
    );
    const registered = events[0];
    expect(
      await notifier.tell({
        id: registered.metadata.eventId,
        type: registered.event.type,
        schemaVersion: 1,
        source: '/hirestream/candidates',
        subject: candidateId,
        time: registered.metadata.occurredAt,
        correlationId: registered.metadata.correlationId,
        causationId: registered.metadata.causationId,
        actor: registered.metadata.actor,
        data: registered.event.data,
      }),
    ).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(kindsReceived(mailbox.server(), candidateId)).toEqual(expected);
  });

  it("refuses another candidate's messages to a candidate", async () => {
    const candidateId = '00000000-0000-4000-8000-0000000000ff';
    const other = await apps.notifications.inject({
      method: 'GET',
      url: `/candidates/${candidateId}/notifications`,
      as: {
        bearer: await apps.notifications.bearer(
          'candidate',
          'candidate-x',
          '00000000-0000-4000-8000-0000000000fe',
        ),
      },
    });
    expect(other.statusCode).toBe(403);
  });
});
